import { describe, expect, it } from 'vitest';
import { Reporter } from '../../src/model/diagnostic.js';
import { profileSchema } from '../../src/model/profile.js';
import { loadTheme } from '../../src/render/theme.js';
import { buildView, joinPosition } from '../../src/render/view-model.js';

// The header's position line: position and affiliation joined, without "engines., Analytical
// Society" after a position that ends a sentence (al-folio subtitles often do).

async function positionLine(theme: string, profile: Record<string, unknown>): Promise<string[]> {
  const report = new Reporter();
  const t = await loadTheme(theme, process.cwd(), report);
  expect(report.list).toEqual([]);
  const html = t!.render(buildView({ profile: profileSchema.parse({ name: 'Ada Lovelace', ...profile }), pubs: [], css: '', js: '', version: 't' }));
  return [...html.matchAll(/<p class="position">([^<]*)<\/p>/g)].map((m) => m[1]);
}

describe('joinPosition', () => {
  it('joins with a comma, or a space after a position ending in punctuation; either alone; nothing', () => {
    expect(joinPosition('Professor', 'MIT')).toBe('Professor, MIT');
    expect(joinPosition('Countess. Analyst of engines.', 'Analytical Society')).toBe('Countess. Analyst of engines. Analytical Society');
    expect(joinPosition('Who knows?  ', 'Somewhere')).toBe('Who knows? Somewhere');
    expect(joinPosition('Professor', undefined)).toBe('Professor');
    expect(joinPosition(undefined, 'MIT')).toBe('MIT');
    expect(joinPosition(undefined, undefined)).toBe('');
  });
});

describe.each(['default', 'minimal', 'cards'])('theme %s: the position line', (theme) => {
  it('shows the joined line, once, and none when neither is given', async () => {
    expect(await positionLine(theme, { position: 'Countess. Analyst of engines.', affiliation: 'Analytical Society' })).toEqual(['Countess. Analyst of engines. Analytical Society']);
    expect(await positionLine(theme, { position: 'Professor', affiliation: 'MIT' })).toEqual(['Professor, MIT']);
    expect(await positionLine(theme, { affiliation: 'MIT' })).toEqual(['MIT']);
    expect(await positionLine(theme, {})).toEqual([]);
  });
});
