import { describe, expect, it } from 'vitest';
import { decodeRleFrame, encodeRleFrame } from '../src/dicom/rle-lossless.ts';

// Pixels 5, 5, 5, 5, 263 (uint16 little-endian bytes 05 00 05 00 05 00 05 00 07 01), worked by hand
// per DICOM PS3.5 Annex G: segment 1 is the high bytes 00 00 00 00 01, segment 2 the low bytes
// 05 05 05 05 07. PackBits: a run of four → control −3 (0xFD) and the byte; one literal → 0x00 and
// the byte. Each segment is 4 bytes; the header says 2 segments at offsets 64 and 68.
function handMadeFrame(): Uint8Array {
  const frame = new Uint8Array(72);
  const header = new DataView(frame.buffer);
  header.setUint32(0, 2, true);
  header.setUint32(4, 64, true);
  header.setUint32(8, 68, true);
  frame.set([0xfd, 0x00, 0x00, 0x01], 64);
  frame.set([0xfd, 0x05, 0x00, 0x07], 68);
  return frame;
}

describe('RLE Lossless', () => {
  it('decodes a frame built by hand from the standard', () => {
    const decoded = decodeRleFrame(handMadeFrame(), 5, 2);
    if (typeof decoded === 'string') throw new Error(decoded);
    expect(Array.from(new Uint16Array(decoded.buffer))).toEqual([5, 5, 5, 5, 263]);
  });

  it('encodes the same pixels to the same bytes', () => {
    const pixels = new Uint8Array(new Uint16Array([5, 5, 5, 5, 263]).buffer);
    expect(Array.from(encodeRleFrame(pixels, 2))).toEqual(Array.from(handMadeFrame()));
  });

  it('round-trips runs and literals longer than 128 bytes', () => {
    const values = new Int16Array(700);
    for (let i = 0; i < values.length; i++) values[i] = i < 300 ? -1024 : (i * 7919) % 3000;
    const pixels = new Uint8Array(values.buffer);
    const decoded = decodeRleFrame(encodeRleFrame(pixels, 2), values.length, 2);
    if (typeof decoded === 'string') throw new Error(decoded);
    expect(Array.from(new Int16Array(decoded.buffer))).toEqual(Array.from(values));
  });

  it('says what is wrong with a frame that is too short or has the wrong segments', () => {
    expect(decodeRleFrame(new Uint8Array(10), 5, 2)).toBe(
      'RLE frame is 10 bytes, shorter than its 64-byte header',
    );
    const oneSegment = handMadeFrame();
    new DataView(oneSegment.buffer).setUint32(0, 1, true);
    expect(decodeRleFrame(oneSegment, 5, 2)).toBe(
      'RLE frame has 1 segments, expected 2 for 16-bit greyscale',
    );
    expect(decodeRleFrame(handMadeFrame(), 6, 2)).toBe('RLE segment 1 decodes to 5 bytes, expected 6');
  });
});
