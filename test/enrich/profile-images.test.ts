/**
 * Images in the profile's Markdown (issue 19): a self-contained page makes no request, so a local
 * image is inlined as thumbnails are (sharp, a data: URI) and a remote one is refused with a
 * warning at its line. Real files, real sharp.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, validate } from '../../src/index.js';
import { markdown, markdownImages } from '../../src/render/markdown.js';

const THUMBS = path.join(import.meta.dirname, '../../data/example/thumbnails');
const PROFILE = `name: Jane Doe
bibliography: refs.bib
bio: |
  I work on GANs.

  ![My group](group.png) and ![a tracker](https://tracker.example/pixel.png)
sections:
  - title: Tools
    projects:
      - title: Tool
        description: "Logo: ![logo](http://cdn.example/logo.png)"
`;

function site(profile = PROFILE) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-md-img-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={A}, author={Doe, Jane}, year=2020}');
  writeFileSync(path.join(dir, 'profile.yaml'), profile);
  copyFileSync(path.join(THUMBS, 'pa-gan.png'), path.join(dir, 'group.png'));
  return dir;
}
const lines = (r: { diagnostics: { severity: string; code: string; line?: number; message: string }[] }) => r.diagnostics.map((d) => `${d.line}: ${d.severity} ${d.code}: ${d.message}`);
const REMOTE = [
  '6: warning profile/remote-image: image "https://tracker.example/pixel.png" is not a local file; the page loads nothing from elsewhere, so only its text is shown',
  '11: warning profile/remote-image: image "http://cdn.example/logo.png" is not a local file; the page loads nothing from elsewhere, so only its text is shown',
];

describe('images in the profile\'s Markdown', () => {
  it('remote ones are a warning from validate, at their line in profile.yaml', async () => {
    expect(lines(await validate({ cwd: site() }))).toEqual(REMOTE);
  });

  it('build inlines the local one through sharp and shows only the text of the remote ones', async () => {
    const r = await build({ cwd: site(), out: 'index.html', offline: true });
    expect(lines(r)).toEqual(REMOTE);
    const html = readFileSync(r.outFile!, 'utf8');
    expect(html).toMatch(/<img src="data:image\/avif;base64,[A-Za-z0-9+/=]+" width="\d+" height="\d+" alt="My group">/);
    expect(html).not.toContain('tracker.example');
    expect(html).not.toContain('cdn.example');
    expect(html).toContain('and a tracker');
    expect(html).toContain('Logo: logo');
  });

  it('a local image that is missing, outside the site or not an image is an error', async () => {
    const dir = site('name: Jane Doe\nbibliography: refs.bib\nbio: "![a](gone.png) ![b](../x.png) ![c](refs.bib)"\n');
    expect(lines(await validate({ cwd: dir }))).toEqual([
      '3: error path/outside-root: image: "../x.png" resolves outside the site folder',
      '3: error profile/missing-image: image "gone.png": file not found',
    ]);
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\nbio: "![c](refs.bib)"\n');
    expect(lines(await build({ cwd: dir, out: 'index.html', offline: true }))).toEqual(['3: error image/invalid: image "refs.bib": not an image (expected JPEG, PNG, GIF, WebP, AVIF or SVG)']);
  });

  it('render alone never writes a remote image: without an inlined image, only its text', () => {
    expect(markdown('![a *pixel*](https://t.example/p.png "t")')).toBe('<p>a pixel</p>\n');
    expect(markdownImages('x\n\n![a](a.png) ![b](https://b.example/b.png)\n')).toEqual([{ src: 'a.png', line: 2 }, { src: 'https://b.example/b.png', line: 2 }]);
  });
});
