import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { skeleton } from '../../src/validate/name-near.js';

/** The near-miss warnings of the people fixture's near-initials.bib with this owner and these people. */
async function nearMisses(owner: string, people: string[]): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-near-'));
  cpSync(path.join(import.meta.dirname, '../fixtures/people'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'profile.yaml'), [`name: ${owner}`, 'bibliography: near-initials.bib', 'people:', ...people.map((p) => `  - name: ${p}`), ''].join('\n'));
  const r = await validate({ cwd: dir });
  return r.diagnostics.filter((d) => d.code === 'bib/name-near-miss').map((d) => `${d.line}: ${d.message}`);
}

describe('validate: near-misses by initials and by transliteration', () => {
  it('initials run together, written surname first, another middle initial, the owner surname with other initials; a transliteration', async () => {
    expect(await nearMisses('Jonas A. Mueller', ['Jane Quinn Doe', 'Aleksandr Ivanov', 'Yuri Petrov', 'Jan Kowalski'])).toEqual([
      '3: "JA Mueller" in "run" may be the owner ("Jonas A. Mueller") with the initials run together ("JA") and is not matched',
      '10: "Mueller JA" in "nocomma" may be the owner ("Jonas A. Mueller") written surname first without a comma and is not matched',
      '17: "J. B. Mueller" in "middle" differs from the owner ("Jonas A. Mueller") in a middle initial and is not matched',
      '17: "J. R. Doe" in "middle" differs from "Jane Quinn Doe" of people: ("Jane Quinn Doe") in a middle initial and is not matched',
      '24: "T. Mueller" in "other" has the surname of the owner ("Jonas A. Mueller") with other initials, is never listed beside the owner, and is not matched',
      '52: "Alexander Iwanow" in "translit" may be "Aleksandr Ivanov" of people: ("Aleksandr Ivanov") transliterated another way and is not matched',
      '52: "Iurii Petrov" in "translit" may be "Yuri Petrov" of people: ("Yuri Petrov") transliterated another way and is not matched',
      '59: "TB Mueller" in "caps" has the surname of the owner ("Jonas A. Mueller") with other initials, is never listed beside the owner, and is not matched',
    ]);
  });

  it('never a different full given name (al-folio #100), a different full middle name, other initials of people:, or someone listed beside the owner', async () => {
    const found = (await nearMisses('Jonas A. Mueller', ['Jane Quinn Doe'])).join('\n');
    // "Mueller, Thomas", "Doe, Jane Rose", "Doe, K." (entry "people"); "Mueller, K." beside "Mueller, J. A." (entry "besides"), and alone later; "Dmitry Ivanov".
    for (const name of ['Thomas Mueller', 'Jane Rose Doe', 'K. Doe', 'K. Mueller', 'Dmitry Ivanov', 'JA Lee']) expect(found).not.toContain(`"${name}"`);
    expect(found).not.toContain('"besides"');
    expect(found).not.toContain('"alone"');
  });

  it('a spelling registered as someone else under people: is no near-miss', async () => {
    const found = await nearMisses('Jonas A. Mueller', ['Jane Quinn Doe', 'T. Mueller', 'Jonas B. Mueller', 'J. R. Doe', 'T. B. Mueller']);
    expect(found.map((f) => f.split(' in ')[0])).toEqual(['3: "JA Mueller"', '10: "Mueller JA"']);
  });

  it('the umlaut spellings are the same name: Müller is Mueller and Muller, so nothing is near', async () => {
    const found = await nearMisses('Jonas A. Müller', ['Jane Quinn Doe']);
    expect(found.some((f) => f.includes('translit'))).toBe(false);
    expect(found.map((f) => f.split(' in ')[0])).toEqual(['3: "JA Mueller"', '10: "Mueller JA"', '17: "J. B. Mueller"', '17: "J. R. Doe"', '24: "T. Mueller"', '59: "TB Mueller"']);
  });

  it('the transliteration skeleton: x/ks, w/v, j/y/i, doubled letters, a final -er', () => {
    expect(['Aleksandr', 'Alexander'].map((s) => skeleton(s.toLowerCase()))).toEqual(['aleksandr', 'aleksandr']);
    expect(['Dmitry', 'Dmitrii', 'Dmitriy', 'Dmitri'].map((s) => skeleton(s.toLowerCase()))).toEqual(Array(4).fill('dmitri'));
    expect(['Yuri', 'Iurii', 'Jurij'].map((s) => skeleton(s.toLowerCase()))).toEqual(['iuri', 'iuri', 'iuri']);
    expect(['Iwanow', 'Ivanov', 'Tchaikovsky', 'Chaikovsky', 'Mikhail', 'Mihail'].map((s) => skeleton(s.toLowerCase()))).toEqual(['ivanov', 'ivanov', 'chaikovski', 'chaikovski', 'mihail', 'mihail']);
    expect(skeleton('thomas')).not.toBe(skeleton('jonas'));
  });
});
