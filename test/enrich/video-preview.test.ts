import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { isVideoPath, sniffVideo, VIDEO_MAX_BYTES, VIDEO_PAGE_BUDGET } from '../../src/enrich/video-preview.js';
import { entryHtml, read, siteCopy, TEASER } from '../fixtures/extras/site.js';

const TEASER_URI = `data:video/webm;base64,${readFileSync(TEASER).toString('base64')}`;
/** Handlebars writes `=` in attributes as `&#x3D;`. */
const attr = (s: string) => s.replace(/=/g, '&#x3D;');
const PREVIEWS = 'assets/img/publication_preview';

async function buildSite(theme: string, change?: (site: string) => void, strict = false) {
  const site = siteCopy();
  change?.(site);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-video-')), 'index.html');
  const r = await build({ cwd: site, out, theme, offline: true, strict });
  return { r, html: existsSync(out) ? read(out) : '' };
}

/** A file that starts as a WebM does and is `size` bytes long (only its head and size are read before the cap). */
const bigWebm = (size: number) => Buffer.concat([readFileSync(TEASER), Buffer.alloc(size - readFileSync(TEASER).length)]);

describe('video previews', () => {
  it.each(['default', 'cards'])('are a muted, looping, inline video in the page, with the thumbnail as poster (%s)', async (theme) => {
    const { r, html } = await buildSite(theme);
    expect(r.errors).toBe(0);
    const teaser = entryHtml(html, 'pub-teaser');
    const poster = /poster="(data:image\/avif;base64,[^"]+)"/.exec(teaser)?.[1];
    expect(poster).toBeDefined();
    expect(teaser).toContain(
      `<video class="pub-video" src="${attr(TEASER_URI)}" poster="${poster}" muted loop playsinline controls preload="auto" data-autoplay aria-label="Video preview for “A Paper with a Video Teaser”"></video>`,
    );
    expect(teaser).not.toContain('<img');
    expect(entryHtml(html, 'pub-videoonly')).toContain(
      `<video class="pub-video" src="${attr(TEASER_URI)}" muted loop playsinline controls preload="auto" data-autoplay aria-label="Video preview for “A Video without a Poster”"></video>`,
    );
  });

  it('are left out of the minimal theme, which shows no images', async () => {
    const { r, html } = await buildSite('minimal');
    expect(r.errors).toBe(0);
    expect(html).not.toContain('<video');
  });

  it('over the size cap: a warning at the field, and the poster image (or nothing) instead', async () => {
    const { r, html } = await buildSite('default', (site) => writeFileSync(path.join(site, PREVIEWS, 'teaser.webm'), bigWebm(VIDEO_MAX_BYTES + 1)));
    expect(r.errors).toBe(0);
    expect(r.diagnostics.filter((d) => d.code === 'video/too-large').map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message}`)).toEqual([
      '_bibliography/papers.bib:28:3: warning video preview "teaser.webm" of entry "teaser" is 2.0 MB; videos are inlined into the page up to 2.0 MB, so the thumbnail (or nothing) is shown instead',
      '_bibliography/papers.bib:37:3: warning video preview "teaser.webm" of entry "videoonly" is 2.0 MB; videos are inlined into the page up to 2.0 MB, so the thumbnail (or nothing) is shown instead',
    ]);
    expect(html).not.toContain('<video');
    expect(entryHtml(html, 'pub-teaser')).toMatch(/<img src="data:image\/avif;base64,[^"]+" width="64" height="48" alt="Thumbnail for “A Paper with a Video Teaser”"/);
    expect(entryHtml(html, 'pub-videoonly')).not.toContain('<img');
  });

  it('share a budget for the whole page, spent in entry order', async () => {
    // Four videos at the cap: three fill the budget, the fourth does not fit.
    expect(VIDEO_MAX_BYTES * 3).toBeLessThanOrEqual(VIDEO_PAGE_BUDGET);
    expect(VIDEO_MAX_BYTES * 4).toBeGreaterThan(VIDEO_PAGE_BUDGET);
    const { r, html } = await buildSite('default', (site) => {
      writeFileSync(path.join(site, PREVIEWS, 'teaser.webm'), bigWebm(VIDEO_MAX_BYTES));
      const bib = path.join(site, '_bibliography/papers.bib');
      const more = (field: string) => `${field}\n  preview = {teaser.webm},`;
      writeFileSync(bib, read(bib).replace('  html = {page.html},', more('  html = {page.html},')).replace('  howpublished = {Nowhere},', more('  howpublished = {Nowhere},')));
    });
    expect(r.diagnostics.filter((d) => d.code === 'video/too-large').map((d) => `${d.line}: ${d.message}`)).toEqual([
      '46: video preview of "hostile" would bring the page\'s videos past 6.0 MB; the thumbnail (or nothing) is shown instead',
    ]);
    expect(html.match(/<video /g)).toHaveLength(3);
    expect(entryHtml(html, 'pub-hostile')).not.toContain('<video');
  });

  it('that are not a video, or a URL, are warnings; --strict makes them errors', async () => {
    const change = (site: string) => {
      writeFileSync(path.join(site, PREVIEWS, 'fake.mp4'), 'not a video at all');
      const bib = path.join(site, '_bibliography/papers.bib');
      writeFileSync(bib, read(bib).replace('preview = {teaser.webm},\n  thumbnail', 'preview = {fake.mp4},\n  thumbnail').replace('  preview = {teaser.webm},\n}', '  preview = {https://example.org/teaser.mp4},\n}'));
    };
    const { r, html } = await buildSite('default', change);
    expect(r.diagnostics.filter((d) => d.code.startsWith('video/')).map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`)).toEqual([
      '28:3 warning video/invalid: video preview "fake.mp4" of entry "teaser" is not an MP4 or WebM video',
      '37:3 warning video/not-inlined: video preview "https://example.org/teaser.mp4" of entry "videoonly" is a URL; only video files of the site are inlined into the page, so none is shown',
    ]);
    expect(html).not.toContain('<video');
    const strict = await buildSite('default', change, true);
    expect(strict.r.errors).toBeGreaterThanOrEqual(2);
  });
});

describe('sniffVideo and isVideoPath', () => {
  it('tell WebM and MP4 by their first bytes, and nothing else', () => {
    expect(sniffVideo(readFileSync(TEASER))).toBe('video/webm');
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(24)]);
    expect(sniffVideo(mp4)).toBe('video/mp4');
    // EBML that is not WebM (a Matroska file) is not taken.
    expect(sniffVideo(Buffer.from(readFileSync(TEASER).toString('latin1').replace('webm', 'mkvx'), 'latin1'))).toBeUndefined();
    expect(sniffVideo(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('reads the extension before any query or fragment', () => {
    expect(['a.mp4', 'b/c.WEBM', 'x.m4v?v=1', 'y.webm#t=2'].map(isVideoPath)).toEqual([true, true, true, true]);
    expect(['a.mp4.png', 'mp4', 'a.gif', undefined].map(isVideoPath)).toEqual([false, false, false, false]);
  });
});
