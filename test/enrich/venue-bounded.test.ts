import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

// Issue 19: fields over 20,000 characters skip the LaTeX converter but still went through the
// venue patterns (`\bWorkshops?\b.*(…)`, scanning to the end once per "Workshop") and the
// award-note regex. Three such entries (564 KB) took 18 s (and a long text still meets a row's `A.*B`); the patterns now see a bounded prefix.
describe('long venue and note fields', () => {
  it('build in well under 5 s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-venue-long-'));
    const workshops = 'Workshop '.repeat(10_000);
    const note = `${'award '.repeat(2_000)}${'x '.repeat(43_000)}`;
    // `Findings\b.*\bEMNLP\b` (a row of data/venues.yaml) scans to the end once per "Findings".
    const findings = 'Findings '.repeat(10_000);
    const entries = [0, 1, 2].map((i) => `@inproceedings{big${i}, title={T${i}}, author={A B}, booktitle={${i === 2 ? findings : workshops}}, note={${note}}, year=2020}\n`);
    writeFileSync(path.join(dir, 'refs.bib'), entries.join(''));
    expect(entries.join('').length).toBeGreaterThan(560_000);
    const started = performance.now();
    const r = await build({ bib: 'refs.bib', cwd: dir, out: 'index.html', offline: true });
    const ms = performance.now() - started;
    expect(r.errors).toBe(0);
    expect(ms).toBeLessThan(5_000);
    // The entries are there, with no badge made up from the text.
    const html = readFileSync(r.outFile!, 'utf8');
    expect(html).toContain('id="pub-big2"');
    expect(html).not.toContain('class="badge');
  }, 60_000);
});
