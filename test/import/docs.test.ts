import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';

describe('import is documented as it is', () => {
  it('the README command list and `import --help` name the same options and kinds', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.startsWith('scholar-page import '))!;
    const help = cli(['import', '--help']).stdout.replace(/\s+/g, ' ');
    for (const opt of line.match(/--[a-z-]+/g)!) expect(help).toContain(opt);
    for (const opt of help.match(/--[a-z-]+/g)!.filter((o) => o !== '--help')) expect(line).toContain(opt);
    const kinds = /--from ([a-z|-]+)/.exec(line)![1].split('|');
    const choices = /choices: ([^)]*)\)/.exec(help)![1].split(', ').map((c) => c.replace(/"/g, ''));
    expect(kinds.sort()).toEqual(choices.sort());
  });
});
