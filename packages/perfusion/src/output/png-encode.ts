import { constants, deflateSync } from 'node:zlib';
import { releaseBuffer } from '@quantrad/imaging/volume';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const FILTER_SUB = 1;
/** zlib's settings as pngjs's packer uses them (32 KiB output chunks, run-length strategy), at level 6. */
const DEFLATE = { chunkSize: 32 * 1024, level: 6, strategy: constants.Z_RLE };

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (ISO 3309, the PNG chunk check) of some bytes. */
function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return crc ^ -1;
}

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeInt32BE(crc32(out.subarray(4, out.length - 4)), out.length - 4);
  return out;
}

/**
 * An 8-bit RGBA picture (4 bytes a pixel, rows top down) as PNG bytes, every row with the Sub filter and
 * zlib at level 6: the bytes pngjs writes with { filterType: 1, deflateLevel: 6 } (its PNG.sync.write), but the
 * filtered copy of the pixels (as large as the picture, 18 MB for a 512 × 512 × 16 montage) is freed as soon
 * as it is compressed, not left to the thread's next garbage collection.
 */
export function encodeRgbaPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = 4 * width;
  if (rgba.length !== rowBytes * height) {
    throw new RangeError(
      `rgba: ${rgba.length} bytes, a ${width} × ${height} RGBA picture has ${rowBytes * height}`,
    );
  }
  const filtered = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const from = y * rowBytes;
    const to = y * (rowBytes + 1);
    filtered[to] = FILTER_SUB;
    for (let x = 0; x < rowBytes; x++) {
      const left = x >= 4 ? (rgba[from + x - 4] ?? 0) : 0;
      filtered[to + 1 + x] = (rgba[from + x] ?? 0) - left;
    }
  }
  const compressed = deflateSync(filtered, DEFLATE);
  releaseBuffer(filtered);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA; compression, filter and interlace methods 0
  const png = Buffer.concat([
    Buffer.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', compressed),
    chunk('IEND', new Uint8Array(0)),
  ]);
  releaseBuffer(compressed);
  return png;
}
