import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { profileSchemaJson } from '../../src/model/profile-json-schema.js';

describe('profile JSON Schema', () => {
  it('the shipped data/profile.schema.json is the one the zod schema generates (npm run data)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../data/profile.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(profileSchemaJson());
  });

  it('forbids unknown keys, so editors flag typos', () => {
    const s = profileSchemaJson() as { additionalProperties: boolean; required: string[] };
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toContain('name');
  });
});

describe('venue table', () => {
  it('data/venues.json is data/venues.yaml as JSON (npm run data)', () => {
    const json = JSON.parse(readFileSync(new URL('../../data/venues.json', import.meta.url), 'utf8'));
    expect(json).toEqual(parse(readFileSync(new URL('../../data/venues.yaml', import.meta.url), 'utf8')));
  });

  it("has no backreference or named group: venue-table.ts joins each row's patterns, and all rows' patterns, into one regex", () => {
    const table = JSON.parse(readFileSync(new URL('../../data/venues.json', import.meta.url), 'utf8')) as {
      venues: { abbr: string; patterns: string[] }[]; satellite: { pattern: string }[]; acronyms: { pattern: string }[]; awards: string[];
    };
    const rows = table.venues;
    const joined = rows.flatMap((r) => r.patterns.filter((p) => /\\[1-9]|\\k<|\(\?<(?![=!])/.test(p)).map((p) => `${r.abbr}: ${p}`));
    expect(joined).toEqual([]);
    // Each compiles on its own: joined, a typo such as `a)|(b` would compile into something else.
    for (const r of rows) for (const p of r.patterns) expect(() => new RegExp(p, 'i'), `${r.abbr}: ${p}`).not.toThrow();
    for (const p of [...table.satellite.map((s) => s.pattern), ...table.awards]) expect(() => new RegExp(p, 'i'), p).not.toThrow();
    // An acronym rule gives the acronym as its one capture group.
    for (const { pattern } of table.acronyms) expect(new RegExp(`${pattern}|`).exec('')!.length, pattern).toBe(2);
    // The check itself sees one of each.
    expect(['(a)\\1', '(?<x>a)\\k<x>', '(?<x>a)'].every((p) => /\\[1-9]|\\k<|\(\?<(?![=!])/.test(p))).toBe(true);
  });
});
