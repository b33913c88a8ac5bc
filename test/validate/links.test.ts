import { describe, expect, it } from 'vitest';
import { checkLink, parseRepo } from '../../src/validate/links.js';

describe('link policy', () => {
  it('lets http(s), mailto and relative paths through', () => {
    for (const ok of ['https://a.org/x?y=1#z', 'http://a.org', 'mailto:me@a.org', 'papers/a.pdf', 'a%20b.pdf', '#top']) expect(checkLink(ok), ok).toBeUndefined();
  });
  it('refuses other schemes, however they are disguised', () => {
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\u0000script:alert(1)', 'data:text/html,x', 'vbscript:msgbox', 'file:///etc/passwd', '//evil.org/x', 'j\u0430vascript:alert(1)']) {
      expect(checkLink(bad), bad).toBeDefined();
    }
  });
  it('refuses quotes, spaces, control characters and bidi overrides', () => {
    for (const bad of ['https://a.org/" onmouseover="x', 'https://a.org/a b', 'https://a.org/\u202egnp.exe', 'https://a.org/\u200bx', 'a\u202eb.pdf']) expect(checkLink(bad), bad).toBeDefined();
  });
  it('reads repos as owner/name or GitHub URLs only', () => {
    expect(parseRepo('LynnHo/AttGAN-Tensorflow')).toEqual({ owner: 'LynnHo', name: 'AttGAN-Tensorflow' });
    expect(parseRepo('https://github.com/a/b.git')).toEqual({ owner: 'a', name: 'b' });
    for (const bad of ['a', 'a/b/c', 'https://gitlab.com/a/b', 'a/..', 'evil/repo"><script>']) expect(parseRepo(bad), bad).toBeUndefined();
  });
});
