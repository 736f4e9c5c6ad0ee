import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeRgbaPng } from '../src/output/png-encode.ts';

/** A picture with flat runs, gradients and pseudo-random bytes (every filter and deflate path sees use). */
function picture(width: number, height: number): PNG {
  const png = new PNG({ width, height });
  let seed = 12345;
  for (let i = 0; i < png.data.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    png.data[i] = i % 5 === 0 ? seed >>> 24 : (i >> 7) & 255;
  }
  return png;
}

describe('encodeRgbaPng', () => {
  it("writes pngjs's bytes for the Sub filter at deflate level 6, which decode to the same pixels", () => {
    for (const [width, height] of [
      [1, 1],
      [3, 2],
      [257, 131],
    ] as const) {
      const png = picture(width, height);
      const bytes = encodeRgbaPng(png.data, width, height);
      expect(Buffer.compare(bytes, PNG.sync.write(png, { filterType: 1, deflateLevel: 6 }))).toBe(0);
      const decoded = PNG.sync.read(bytes);
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      expect(Buffer.compare(decoded.data, png.data)).toBe(0);
    }
  });

  it('names the field when the bytes do not fit the size', () => {
    expect(() => encodeRgbaPng(new Uint8Array(15), 2, 2)).toThrow(
      /rgba: 15 bytes, a 2 × 2 RGBA picture has 16/,
    );
  });
});
