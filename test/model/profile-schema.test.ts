import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileSchemaJson } from '../../src/model/profile-json-schema.js';

describe('profile JSON Schema', () => {
  it('the shipped data/profile.schema.json is the one the zod schema generates (npm run schema)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../data/profile.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(profileSchemaJson());
  });

  it('forbids unknown keys, so editors flag typos', () => {
    const s = profileSchemaJson() as { additionalProperties: boolean; required: string[] };
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toContain('name');
  });
});
