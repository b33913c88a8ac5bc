import { describe, expect, it } from 'vitest';
import { contrast, parseColor, textColorFor } from '../../src/validate/colors.js';
import { CSS_NAMED_COLORS } from '../../src/validate/css-named-colors.js';
import { checkVenues } from '../../src/validate/venues.js';
import { Reporter } from '../../src/model/diagnostic.js';

/** WCAG 2 contrast, written out again here so a wrong formula in src does not check itself. */
function wcag(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)].map((h) => {
      const s = Number.parseInt(h, 16) / 255;
      return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const check = (data: unknown) => {
  const report = new Reporter();
  const venues = checkVenues(data, (p, key) => ({ line: p.length + (key ? 100 : 0), column: 1 }), 'venues.yml', report);
  return { venues, list: report.list, codes: report.list.map((d) => `${d.severity} ${d.code}`) };
};

describe('venue colours', () => {
  it('accepts #rgb, #rrggbb and CSS colour names, in any case, as lower-case #rrggbb', () => {
    expect(parseColor('#00369f')).toBe('#00369f');
    expect(parseColor('#00369F')).toBe('#00369f');
    expect(parseColor('#0af')).toBe('#00aaff');
    expect(parseColor(' #ABC ')).toBe('#aabbcc');
    expect(parseColor('red')).toBe('#ff0000');
    expect(parseColor('RebeccaPurple')).toBe('#663399');
    expect(parseColor('darkslategrey')).toBe('#2f4f4f');
  });

  it('refuses everything else: injected CSS, functions, bad hex, alpha, prototype keys, huge strings', () => {
    for (const bad of [
      'red;background:url(x)', 'red; background: url(https://evil.example/x)', 'expression(alert(1))', 'url(javascript:alert(1))',
      '#12345g', '#1234', '#12345', '#1234567', '#00369f;}body{display:none', '#00369f ff', '#fff\n}', 'rgb(0,0,0)', 'hsl(0 0% 0%)',
      'var(--x)', 'transparent', 'currentcolor', 'inherit', 'constructor', '__proto__', 'toString', '', ' ', '#', 'ff0000',
      `#${'f'.repeat(100000)}`, `${'red'.repeat(20000)}`, 'red\u0000', 'ｒｅｄ',
    ]) expect(parseColor(bad), JSON.stringify(bad.slice(0, 40))).toBeUndefined();
  });

  it('has the 148 CSS named colours, each a 6-digit hex', () => {
    expect(CSS_NAMED_COLORS.size).toBe(148);
    for (const [name, hex] of CSS_NAMED_COLORS) {
      expect(name).toMatch(/^[a-z]+$/);
      expect(hex).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('computes contrast as WCAG does: 21 for black on white, 1 for a colour on itself', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrast('#00369f', '#00369f')).toBe(1);
    expect(contrast('#1f6f8b', '#ffffff')).toBeCloseTo(wcag('#1f6f8b', '#ffffff'), 10);
  });

  it('picks a text colour with contrast ≥ 4.5 on every background: each named colour and a grid of 4096', () => {
    const backgrounds = [...CSS_NAMED_COLORS.values()];
    for (let i = 0; i < 4096; i++) backgrounds.push(`#${[i >> 8, (i >> 4) & 15, i & 15].map((d) => (d * 17).toString(16).padStart(2, '0')).join('')}`);
    const picked = backgrounds.map((bg) => ({ bg, fg: textColorFor(bg) }));
    expect(picked.filter(({ bg, fg }) => !['#ffffff', '#000000'].includes(fg) || !(wcag(bg, fg) >= 4.5))).toEqual([]);
    const whites = picked.filter((p) => p.fg === '#ffffff').length;
    // Both are used: white on dark (al-folio's badges), black on light.
    expect(textColorFor('#00369f')).toBe('#ffffff');
    expect(textColorFor('#ffa500')).toBe('#000000');
    expect(textColorFor('#ffff00')).toBe('#000000');
    expect(whites).toBeGreaterThan(100);
    expect(whites).toBeLessThan(backgrounds.length - 100);
  });
});

describe('checking a venues map', () => {
  it('keeps checked colours and https links, by the exact abbreviation', () => {
    const { venues, list } = check({ AJP: { url: 'https://aapt.scitation.org/journal/ajp', color: '#00369f' }, NeurIPS: { color: 'Orange' }, ICML: { url: ' https://icml.cc/ ' } });
    expect(list).toEqual([]);
    expect([...venues]).toEqual([
      ['AJP', { url: 'https://aapt.scitation.org/journal/ajp', color: '#00369f' }],
      ['NeurIPS', { color: '#ffa500' }],
      ['ICML', { url: 'https://icml.cc/' }],
    ]);
  });

  it('warns about a hostile or wrong colour, and keeps no colour for it (the url still counts)', () => {
    const { venues, list } = check({
      A: { color: 'red;background:url(x)', url: 'https://a.org/' },
      B: { color: 'expression(alert(1))' },
      C: { color: '#12345g' },
      D: { color: null },
      E: { color: 12 },
      F: { color: ['red'] },
    });
    expect([...venues]).toEqual([['A', { url: 'https://a.org/' }]]);
    expect(list.map((d) => d.code)).toEqual(Array(6).fill('venues/bad-color'));
    expect(list.every((d) => d.severity === 'warning')).toBe(true);
    expect(list[0].message).toBe('venue "A": color "red;background:url(x)" is not #rgb, #rrggbb or a CSS colour name; the badge keeps the theme\'s colours');
    expect(list[3].hint).toMatch(/unquoted # starts a comment/);
    expect(list[0].line).toBe(2); // at the value [abbr, 'color']
  });

  it('uses only https links: http, javascript, quotes, no host, non-strings are warnings', () => {
    const { venues, list } = check({
      A: { url: 'http://www.disc-conference.org/' }, B: { url: 'javascript:alert(1)' }, C: { url: 'https://a.org/" onmouseover="x' },
      D: { url: 'https://' }, E: { url: 42 }, F: { url: `https://a.org/${'x'.repeat(3000)}` }, G: { url: '//evil.org/x' },
    });
    expect(venues.size).toBe(0);
    expect(list.map((d) => d.code)).toEqual(Array(7).fill('venues/bad-url'));
    expect(list[0].message).toContain('(only https: links are used)');
    for (const d of list) expect(d.message.length).toBeLessThan(200);
  });

  it('reports wrong shapes and unknown keys as warnings, at the key, with a suggestion', () => {
    const { venues, list } = check({ A: 'red', B: ['x'], C: null, D: { colour: 'red', color: 'blue' } });
    expect([...venues]).toEqual([['D', { color: '#0000ff' }]]);
    expect(list.map((d) => `${d.code} ${d.line}`)).toEqual(['venues/schema 1', 'venues/schema 1', 'venues/schema 1', 'venues/unknown-key 102']);
    expect(list[3].message).toBe('venue "D": unknown key "colour"; did you mean "color"?');
  });

  it('a top level that is not a map styles nothing, with one warning; an empty file is no venues', () => {
    expect(check(['AJP']).codes).toEqual(['warning venues/schema']);
    expect(check('just text').venues.size).toBe(0);
    expect(check(null)).toMatchObject({ codes: [] });
    expect(check(undefined).venues.size).toBe(0);
  });

  it('takes keys that are Object.prototype names as plain names', () => {
    const data = JSON.parse('{"__proto__": {"color": "red"}, "constructor": {"color": "#000"}}');
    const { venues } = check(data);
    expect(venues.get('__proto__')).toEqual({ color: '#ff0000' });
    expect(venues.get('constructor')).toEqual({ color: '#000000' });
    expect(venues.get('toString')).toBeUndefined();
  });
});
