import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSource, precompiled, templateKey } from '../../src/render/precompiled.js';
import { templateSource } from '../../src/render/theme.js';
// @ts-expect-error: a plain ES module script, without types
import { compiledThemes, OUT, templateFiles } from '../../scripts/precompile-themes.mjs';

describe('the built-in templates, compiled by npm run data', () => {
  it('data/themes-compiled.json is what scripts/precompile-themes.mjs writes for the themes as they are (run `npm run data`)', () => {
    expect(readFileSync(OUT, 'utf8')).toBe(compiledThemes());
  });

  it('holds every built-in template, each the specification Handlebars makes of its source today', () => {
    for (const file of templateFiles() as string[]) {
      const source = templateSource(readFileSync(file, 'utf8'));
      const stored = precompiled(templateKey(source));
      expect(stored, file).toBeDefined();
      expect(stored!.spec, file).toBe(compileSource(source).spec);
    }
  });

  it('a template changed since has another key (it is compiled when its theme loads)', () => {
    const source = templateSource(readFileSync((templateFiles() as string[])[0], 'utf8'));
    expect(precompiled(templateKey(`${source} `))).toBeUndefined();
    expect(templateKey(source)).not.toBe(templateKey(`${source}\n`));
    // Compiling does not change the key (Handlebars adds to the options it is given).
    const key = templateKey(source);
    compileSource(source);
    expect(templateKey(source)).toBe(key);
  });
});
