import { describe, expect, it } from 'vitest';
import { framesOf, spriteFits, spriteSrc, validFrames, SPRITE_LIMITS } from '../../src/enrich/sprite.js';

/** The SVG inside a sprite's `data:` URI. */
const svgOf = (src: string) => decodeURIComponent(src.slice('data:image/svg+xml,'.length));

describe('an animation as a stack of frames (enrich/sprite.ts)', () => {
  it('takes the frames\' timing as browsers show a GIF: 10 ms or less, or none, is 100 ms', () => {
    expect(framesOf({ pages: 3, delay: [120, 0, 10], loop: 0 })).toEqual({ delays: [120, 100, 100], loop: 0 });
    expect(framesOf({ pages: 2, delay: [11], loop: 3 })).toEqual({ delays: [11, 100], loop: 3 });
    expect(framesOf({ pages: 2 })).toEqual({ delays: [100, 100], loop: 0 });
    expect(framesOf({ pages: 1, delay: [50] })).toBeUndefined();
    expect(framesOf({ delay: [50] })).toBeUndefined();
  });

  it('stacks only a few frames of a few pixels: a browser decodes the whole stack at once', () => {
    expect(spriteFits(400, 225, 8)).toBe(true);
    expect(spriteFits(400, 225, 1)).toBe(false);
    expect(spriteFits(100, 100, SPRITE_LIMITS.frames)).toBe(true);
    expect(spriteFits(100, 100, SPRITE_LIMITS.frames + 1)).toBe(false);
    expect(spriteFits(4000, 250, 16)).toBe(false); // 16 Mpx
    expect(spriteFits(10, 1000, 17)).toBe(false); // 17,000 px tall
  });

  it('shows each frame for its delay, the last one to the end, for ever or as many times as the source says', () => {
    const src = spriteSrc({ width: 400, height: 225, base64: 'AAAA' }, { delays: [100, 300, 100, 500], loop: 0 });
    const svg = svgOf(src);
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="225" viewBox="0 0 400 225">' +
        '<style>@keyframes f{0%{transform:translateY(0px)}10%{transform:translateY(-225px)}40%{transform:translateY(-450px)}50%{transform:translateY(-675px)}100%{transform:translateY(-675px)}}' +
        'image{animation:f 1000ms step-end infinite}</style>' +
        '<image width="400" height="900" href="data:image/avif;base64,AAAA"/></svg>',
    );
    expect(svgOf(spriteSrc({ width: 4, height: 3, base64: 'AA==' }, { delays: [100, 200], loop: 2 }))).toContain('image{animation:f 300ms step-end 2 forwards}');
  });

  it('moves frames of one length by n steps from the first frame to the last, both shown', () => {
    const svg = svgOf(spriteSrc({ width: 400, height: 225, base64: 'AAAA' }, { delays: [120, 120, 120, 120], loop: 0 }));
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="225" viewBox="0 0 400 225">' +
        '<style>@keyframes f{to{transform:translateY(-675px)}}image{animation:f 480ms steps(4,jump-none) infinite}</style>' +
        '<image width="400" height="900" href="data:image/avif;base64,AAAA"/></svg>',
    );
    expect(svgOf(spriteSrc({ width: 4, height: 3, base64: 'AA==' }, { delays: [50, 50], loop: 3 }))).toContain('image{animation:f 100ms steps(2,jump-none) 3 forwards}');
  });

  it('writes a URI with nothing a template escapes: no quote, angle bracket, ampersand or equals sign', () => {
    const src = spriteSrc({ width: 4, height: 3, base64: 'ab+/cd==' }, { delays: [100, 200, 300], loop: 0 });
    expect(src).toMatch(/^data:image\/svg\+xml,[A-Za-z0-9%+/.:;,{}()@_!~*-]+$/);
    expect(src).not.toMatch(/["'<>&=` #]/);
    expect(src).toContain('ab+/cd%3D%3D');
    expect(svgOf(src)).toContain('href="data:image/avif;base64,ab+/cd=="');
  });

  it('takes frames back from the cache folder only in the shape framesOf gives', () => {
    const good = { delays: [120, 100], loop: 0 };
    expect(validFrames(good)).toEqual(good);
    for (const bad of [
      null, 'x', [], { delays: [120], loop: 0 }, { delays: [120, 5], loop: 0 }, { delays: [120, '100'], loop: 0 },
      { delays: [120, 1e9], loop: 0 }, { delays: [120, 100], loop: -1 }, { delays: [120, 100], loop: 1.5 }, { delays: [120, 100] },
      { delays: Array(SPRITE_LIMITS.frames + 1).fill(100), loop: 0 }, { delays: [120, '100}</style><script>'], loop: 0 },
    ]) {
      expect(validFrames(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
