// RLE Lossless (DICOM PS3.5 Annex G): each frame is a 64-byte header (segment count, then up to 15
// segment offsets, little-endian uint32) followed by segments, one per byte plane, most significant
// byte plane first. Each segment is PackBits: a control byte n in 0..127 copies the next n + 1 bytes,
// n in −127..−1 repeats the next byte 1 − n times, −128 does nothing.

const headerBytes = 64;

/** Decodes one RLE frame into little-endian pixel bytes; a message (not a throw) when it cannot. */
export function decodeRleFrame(
  frame: Uint8Array,
  pixelCount: number,
  bytesPerPixel: number,
): Uint8Array | string {
  if (frame.length < headerBytes)
    return `RLE frame is ${frame.length} bytes, shorter than its 64-byte header`;
  const header = new DataView(frame.buffer, frame.byteOffset, headerBytes);
  const segmentCount = header.getUint32(0, true);
  if (segmentCount !== bytesPerPixel) {
    return `RLE frame has ${segmentCount} segments, expected ${bytesPerPixel} for ${bytesPerPixel * 8}-bit greyscale`;
  }
  const out = new Uint8Array(pixelCount * bytesPerPixel);
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = header.getUint32(4 + 4 * segment, true);
    const end = segment + 1 < segmentCount ? header.getUint32(8 + 4 * segment, true) : frame.length;
    if (start < headerBytes || end > frame.length || start > end) {
      return `RLE segment ${segment + 1} lies outside the frame (bytes ${start}–${end} of ${frame.length})`;
    }
    // Most significant byte plane first; little-endian output puts it at the highest byte of a pixel.
    let outIndex = bytesPerPixel - 1 - segment;
    let pixel = 0;
    let position = start;
    while (position < end && pixel < pixelCount) {
      const control = ((frame[position++] ?? 0) << 24) >> 24;
      if (control >= 0) {
        const count = Math.min(control + 1, pixelCount - pixel, end - position);
        for (let n = 0; n < count; n++) {
          out[outIndex] = frame[position++] ?? 0;
          outIndex += bytesPerPixel;
        }
        pixel += count;
      } else if (control !== -128) {
        const value = frame[position++] ?? 0;
        const count = Math.min(1 - control, pixelCount - pixel);
        for (let n = 0; n < count; n++) {
          out[outIndex] = value;
          outIndex += bytesPerPixel;
        }
        pixel += count;
      }
    }
    if (pixel < pixelCount) {
      return `RLE segment ${segment + 1} decodes to ${pixel} bytes, expected ${pixelCount}`;
    }
  }
  return out;
}

function packBits(plane: Uint8Array): number[] {
  const out: number[] = [];
  let position = 0;
  while (position < plane.length) {
    let run = 1;
    while (run < 128 && position + run < plane.length && plane[position + run] === plane[position]) run++;
    if (run >= 3) {
      out.push(257 - run, plane[position] ?? 0);
      position += run;
      continue;
    }
    const literalStart = position;
    while (position < plane.length && position - literalStart < 128) {
      const value = plane[position];
      if (position + 2 < plane.length && plane[position + 1] === value && plane[position + 2] === value)
        break;
      position++;
    }
    out.push(position - literalStart - 1);
    for (let index = literalStart; index < position; index++) out.push(plane[index] ?? 0);
  }
  if (out.length % 2 === 1) out.push(0x80); // segments are even in length; −128 is a no-op
  return out;
}

/** Encodes little-endian pixel bytes as one RLE Lossless frame. */
export function encodeRleFrame(pixels: Uint8Array, bytesPerPixel: number): Uint8Array {
  const pixelCount = pixels.length / bytesPerPixel;
  const segments: number[][] = [];
  for (let segment = 0; segment < bytesPerPixel; segment++) {
    const plane = new Uint8Array(pixelCount);
    const byteIndex = bytesPerPixel - 1 - segment;
    for (let pixel = 0; pixel < pixelCount; pixel++)
      plane[pixel] = pixels[pixel * bytesPerPixel + byteIndex] ?? 0;
    segments.push(packBits(plane));
  }
  const total = headerBytes + segments.reduce((sum, segment) => sum + segment.length, 0);
  const frame = new Uint8Array(total);
  const header = new DataView(frame.buffer);
  header.setUint32(0, bytesPerPixel, true);
  let offset = headerBytes;
  segments.forEach((segment, index) => {
    header.setUint32(4 + 4 * index, offset, true);
    frame.set(segment, offset);
    offset += segment.length;
  });
  return frame;
}
