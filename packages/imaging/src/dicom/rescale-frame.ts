// Stored pixel values → real values (HU for CT): value = stored × RescaleSlope + RescaleIntercept
// (PS3.3 C.11.1.1.2), written straight into the volume's typed array with one loop per frame.
import type { DicomImageFile, FramePlane } from './dicom-image-file.ts';

export type RealValueArray = Int16Array | Float32Array;
type StoredArray = Int16Array | Uint16Array | Int8Array | Uint8Array;

/** Views little-endian stored bytes as the right integer type (copying only if the bytes are misaligned). */
function storedValues(bytes: Uint8Array, image: DicomImageFile): StoredArray {
  const signed = image.pixelRepresentation === 1;
  if (image.bitsAllocated === 8) {
    return signed ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) : bytes;
  }
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const count = aligned.length / 2;
  return signed
    ? new Int16Array(aligned.buffer, aligned.byteOffset, count)
    : new Uint16Array(aligned.buffer, aligned.byteOffset, count);
}

/** The range of stored values BitsStored and PixelRepresentation allow. */
export function storedRange(image: DicomImageFile): readonly [number, number] {
  return image.pixelRepresentation === 1
    ? [-(2 ** (image.bitsStored - 1)), 2 ** (image.bitsStored - 1) - 1]
    : [0, 2 ** image.bitsStored - 1];
}

// Bits above BitsStored are not part of the value (PS3.5 §8.1.1): mask them off, sign-extending
// two's complement values from their top stored bit.
function maskedValue(image: DicomImageFile): ((stored: number) => number) | undefined {
  if (image.bitsStored === image.bitsAllocated) return undefined;
  const shift = 32 - image.bitsStored;
  const mask = 2 ** image.bitsStored - 1;
  return image.pixelRepresentation === 1 ? (stored) => (stored << shift) >> shift : (stored) => stored & mask;
}

/** The smallest and largest real value in a frame. */
export function frameValueRange(
  bytes: Uint8Array,
  image: DicomImageFile,
  plane: FramePlane,
): [number, number] {
  const stored = storedValues(bytes, image);
  const mask = maskedValue(image);
  let min = Infinity;
  let max = -Infinity;
  for (let index = 0; index < stored.length; index++) {
    const raw = stored[index] ?? 0;
    const value = mask === undefined ? raw : mask(raw);
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const a = min * plane.rescaleSlope + plane.rescaleIntercept;
  const b = max * plane.rescaleSlope + plane.rescaleIntercept;
  return [Math.min(a, b), Math.max(a, b)];
}

/** Writes the frame's real values into `out` from `offset`. */
export function rescaleFrameInto(
  out: RealValueArray,
  offset: number,
  bytes: Uint8Array,
  image: DicomImageFile,
  plane: FramePlane,
): void {
  const stored = storedValues(bytes, image);
  const slope = plane.rescaleSlope;
  const intercept = plane.rescaleIntercept;
  const count = stored.length;
  const mask = maskedValue(image);
  if (mask !== undefined) {
    for (let index = 0; index < count; index++)
      out[offset + index] = mask(stored[index] ?? 0) * slope + intercept;
    return;
  }
  if (slope === 1 && intercept === 0 && out instanceof Int16Array && stored instanceof Int16Array) {
    out.set(stored, offset);
    return;
  }
  // The hot loop: typed-array reads and writes only (no per-voxel calls), so V8 keeps it tight.
  if (slope === 1) {
    for (let index = 0; index < count; index++) out[offset + index] = (stored[index] as number) + intercept;
  } else {
    for (let index = 0; index < count; index++)
      out[offset + index] = (stored[index] as number) * slope + intercept;
  }
}
