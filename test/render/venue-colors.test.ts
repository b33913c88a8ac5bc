import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { badgeView, venueColorRules } from '../../src/render/venue-colors.js';
import type { Publication } from '../../src/model/publication.js';

const BIB = `
@article{ajp, author={Ann One}, title={Abbr AJP}, journal={American Journal of Physics}, abbr={AJP}, year={2020}}
@inproceedings{iccv, author={Ann One}, title={From the table}, booktitle={Proceedings of the IEEE/CVF International Conference on Computer Vision}, year={2019}, award={Oral}}
@article{lower, author={Ann One}, title={Lower case}, journal={J}, abbr={ajp}, year={2021}}
@article{hostile, author={Ann One}, title={Hostile}, journal={J}, abbr={Q"<y>}, year={2022}}
@article{plain, author={Ann One}, title={No venue entry}, journal={J}, abbr={NOPE}, year={2023}}
`;
const VENUES = `"AJP":
  url: https://aapt.scitation.org/journal/ajp
  color: "#00369f"
ICCV:
  color: Orange
'Q"<y>':
  url: 'https://x.example/?a="><script>'
  color: "#fff;}body{display:none"
`;

function site(venues = VENUES): { dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-venue-render-'));
  writeFileSync(path.join(dir, 'refs.bib'), BIB);
  writeFileSync(path.join(dir, 'venues.yml'), venues);
  writeFileSync(path.join(dir, 'profile.yaml'), 'name: Ann One\nbibliography: refs.bib\nvenues: venues.yml\n');
  return { dir };
}

/** The badge element of one entry, by its id. */
const badgeOf = (html: string, id: string): string => {
  const at = html.indexOf(`id="pub-${id}"`);
  expect(at).toBeGreaterThan(-1);
  return /<span class="badge[^"]*">(?:<a [^>]*>[^<]*<\/a>|<span [^>]*>[^<]*<\/span>)+<\/span>/.exec(html.slice(at))![0];
};

describe('venue colours and links on the page', () => {
  for (const theme of ['default', 'minimal', 'cards']) {
    it(`${theme}: the badge of a venue in venues: gets its colour class and link; the page's CSS defines the class`, async () => {
      const { dir } = site();
      const r = await build({ cwd: dir, theme, out: 'index.html', offline: true });
      expect(r.errors).toBe(0);
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      expect(badgeOf(html, 'ajp')).toBe('<span class="badge venue-00369f-ffffff"><a class="badge-venue" href="https://aapt.scitation.org/journal/ajp">AJP 2020</a></span>');
      // The label from the venue table matches too; black text on orange.
      expect(badgeOf(html, 'iccv')).toBe('<span class="badge has-award venue-ffa500-000000"><span class="badge-venue">ICCV 2019</span><span class="badge-award">Oral</span></span>');
      // Exact, case-sensitive keys, as al-folio's site.data.venues[entry.abbr].
      expect(badgeOf(html, 'lower')).toBe('<span class="badge"><span class="badge-venue">ajp 2021</span></span>');
      expect(badgeOf(html, 'plain')).toBe('<span class="badge"><span class="badge-venue">NOPE 2023</span></span>');
      const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      expect(css.match(/\.venue-[^{]*\{[^}]*\}/g)).toEqual(['.venue-00369f-ffffff{--venue-bg:#00369f;--venue-fg:#ffffff}', '.venue-ffa500-000000{--venue-bg:#ffa500;--venue-fg:#000000}']);
      // Nothing of the hostile venue reaches the page but its escaped label: no colour, no link.
      expect(badgeOf(html, 'hostile')).toBe('<span class="badge"><span class="badge-venue">Q&quot;&lt;y&gt; 2022</span></span>');
      expect(html).not.toContain('body{display:none');
      expect(html).not.toContain('x.example');
      // No style attribute anywhere: the colours are in the page's own <style>.
      expect(html).not.toMatch(/<[^>]+\sstyle=/i);
      expect(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['venues.yml:7 venues/bad-url', 'venues.yml:8 venues/bad-color']);
    });
  }

  it('the same inputs give the same bytes; a changed venues file changes the page in the same process (watch)', async () => {
    const { dir } = site();
    const page = () => readFileSync(path.join(dir, 'index.html'), 'utf8');
    await build({ cwd: dir, out: 'index.html', offline: true });
    const first = page();
    await build({ cwd: dir, out: 'index.html', offline: true });
    expect(page()).toBe(first);
    writeFileSync(path.join(dir, 'venues.yml'), VENUES.replace('#00369f', '#8b0000').replace('https://aapt.scitation.org/journal/ajp', 'https://ajp.example.org/'));
    await build({ cwd: dir, out: 'index.html', offline: true });
    expect(badgeOf(page(), 'ajp')).toBe('<span class="badge venue-8b0000-ffffff"><a class="badge-venue" href="https://ajp.example.org/">AJP 2020</a></span>');
    expect(page()).not.toContain('00369f');
  });

  it('a page with no venue colours has no venue rule', async () => {
    const { dir } = site('{}\n');
    await build({ cwd: dir, out: 'index.html', offline: true });
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).not.toMatch(/\.venue-[0-9a-f]/);
  });

  it('the view checks colours and links again (a library caller may hand in its own badges)', () => {
    expect(badgeView({ label: 'A', color: 'red;x', textColor: '#ffffff', url: 'javascript:alert(1)' })).toEqual({ label: 'A', award: null, color: null, textColor: null, colorClass: null, url: null });
    expect(badgeView({ label: 'A', color: '#00369f', textColor: '#fff}x', url: 'http://a.org/' })).toMatchObject({ colorClass: null, url: null });
    const pub = (color: string) => ({ badge: { label: 'A', color, textColor: '#ffffff' } }) as unknown as Publication;
    expect(venueColorRules([pub('#0000ff'), pub('}body{x'), pub('#0000ff'), pub('#000080')])).toBe('.venue-000080-ffffff{--venue-bg:#000080;--venue-fg:#ffffff}\n.venue-0000ff-ffffff{--venue-bg:#0000ff;--venue-fg:#ffffff}');
  });
});
