import { mkdtempSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/hostile');

/** Every element and attribute in the page, as the browser's tokenizer would see them. */
function elements(html: string) {
  const out: { name: string; attrs: Record<string, string>; text: string }[] = [];
  let current: (typeof out)[number] | undefined;
  new Parser(
    {
      onopentag(name, attrs) {
        current = { name, attrs, text: '' };
        out.push(current);
      },
      ontext(t) {
        if (current) current.text += t;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  ).end(html);
  return out;
}

describe('untrusted input is escaped everywhere', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-hostile-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const r = await build({ cwd: dir, out: 'index.html' });
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  const els = elements(html);

  it('builds (hostile values are data, not errors)', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(html.length).toBeGreaterThan(1000);
  });

  it('has only the theme\'s own scripts', () => {
    const scripts = els.filter((e) => e.name === 'script');
    expect(scripts.map((s) => s.attrs.type ?? 'js')).toEqual(['js', 'application/ld+json', 'js']);
    expect(scripts[0].text + scripts[2].text).not.toMatch(/alert\(/);
    // JSON-LD holds the hostile strings as data, with every < escaped so nothing can close the element
    expect(scripts[1].text).not.toContain('<');
    expect(() => JSON.parse(scripts[1].text)).not.toThrow();
    expect(JSON.parse(scripts[1].text).name).toBe("<script>alert('name')</script>");
  });

  it('has no injected elements or event-handler attributes', () => {
    const names = new Set(els.map((e) => e.name));
    for (const bad of ['iframe', 'svg:not-icon', 'object', 'embed', 'form']) expect(names.has(bad)).toBe(false);
    expect(els.filter((e) => e.name === 'img').every((e) => e.attrs.src.startsWith('data:image/webp') || e.attrs.src.startsWith('data:image/'))).toBe(true);
    expect(els.filter((e) => e.name === 'img' && e.attrs.src === 'x')).toEqual([]);
    for (const e of els) for (const a of Object.keys(e.attrs)) expect(a).not.toMatch(/^on/);
    expect(els.filter((e) => e.name === 'style')).toHaveLength(1);
    expect(els.filter((e) => e.name === 'b' && e.attrs.onclick)).toEqual([]);
  });

  it('lets only http(s), mailto and relative links through', () => {
    const hrefs = els.flatMap((e) => ('href' in e.attrs ? [e.attrs.href] : []));
    for (const h of hrefs) expect(h).toMatch(/^(https?:|mailto:|#|data:image\/svg\+xml,)|^[^:]*$/i);
    expect(hrefs.join(' ')).not.toMatch(/javascript:|vbscript:|data:text/i);
    // no bidi override or look-alike scheme in any link
    expect(hrefs.join(' ')).not.toMatch(/[\u202a-\u202e\u2066-\u2069]|j\u0430vascript/);
  });

  it('shows the hostile text as text', () => {
    const text = els.map((e) => e.text).join(' ');
    expect(text).toContain("<script>alert('section')</script>");
    expect(html).toContain('&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;');
    expect(html).toContain('{{constructor}}');
  });
});
