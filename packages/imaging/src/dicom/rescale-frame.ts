// Stored pixel values → real values (HU for CT): value = stored × RescaleSlope + RescaleIntercept
// (PS3.3 C.11.1.1.2), written straight into the volume's typed array with one loop per frame.
//
// Speed: a 512 × 512 × 300 series is 78 million voxels, so the loops matter. Each pairing of stored
// and output array types has its own small function, so V8 sees one array type per function and
// compiles each loop tight (one shared loop over several typed-array types ran several times slower).
import type { DicomImageFile, FramePlane } from './dicom-image-file.ts';

export type RealValueArray = Int16Array | Float32Array;
type StoredArray = Int16Array | Uint16Array | Int8Array | Uint8Array;

const int16Min = -32768;
const int16Max = 32767;

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

// Bits above BitsStored are not part of the value (PS3.5 §8.1.1): mask them off, sign-extending
// two's complement values from their top stored bit.
function maskedValue(image: DicomImageFile): ((stored: number) => number) | undefined {
  if (image.bitsStored === image.bitsAllocated) return undefined;
  const shift = 32 - image.bitsStored;
  const mask = 2 ** image.bitsStored - 1;
  return image.pixelRepresentation === 1 ? (stored) => (stored << shift) >> shift : (stored) => stored & mask;
}

// Unsigned stored values with slope 1 (most CT): the OR of all values bounds the largest from above
// and is cheaper to keep than a maximum; the exact range is looked for only when the bound does not fit.
function uint16PlusToInt16(out: Int16Array, stored: Uint16Array, intercept: number): boolean {
  const count = stored.length;
  let bits = 0;
  for (let index = 0; index < count; index++) {
    const value = stored[index] as number;
    bits |= value;
    out[index] = value + intercept;
  }
  if (intercept >= int16Min && bits + intercept <= int16Max) return true;
  let high = 0;
  for (let index = 0; index < count; index++) high = Math.max(high, stored[index] as number);
  return intercept >= int16Min && high + intercept <= int16Max;
}

function uint16ToInt16(out: Int16Array, stored: Uint16Array, slope: number, intercept: number): boolean {
  let low = 0;
  let high = 0;
  for (let index = 0; index < stored.length; index++) {
    const value = (stored[index] as number) * slope + intercept;
    out[index] = value;
    if (value < low) low = value;
    else if (value > high) high = value;
  }
  return low >= int16Min && high <= int16Max;
}

function int16ToInt16(out: Int16Array, stored: Int16Array, slope: number, intercept: number): boolean {
  if (slope === 1 && intercept === 0) {
    out.set(stored);
    return true;
  }
  let low = 0;
  let high = 0;
  for (let index = 0; index < stored.length; index++) {
    const value = (stored[index] as number) * slope + intercept;
    out[index] = value;
    if (value < low) low = value;
    else if (value > high) high = value;
  }
  return low >= int16Min && high <= int16Max;
}

function uint16ToFloat32(out: Float32Array, stored: Uint16Array, slope: number, intercept: number): void {
  for (let index = 0; index < stored.length; index++) {
    out[index] = (stored[index] as number) * slope + intercept;
  }
}

function int16ToFloat32(out: Float32Array, stored: Int16Array, slope: number, intercept: number): void {
  for (let index = 0; index < stored.length; index++) {
    out[index] = (stored[index] as number) * slope + intercept;
  }
}

// 8-bit and masked stored values: rare in CT, one general loop.
function generalInto(
  out: RealValueArray,
  stored: StoredArray,
  value: (stored: number) => number,
  slope: number,
  intercept: number,
): boolean {
  let low = 0;
  let high = 0;
  for (let index = 0; index < stored.length; index++) {
    const real = value(stored[index] ?? 0) * slope + intercept;
    out[index] = real;
    if (real < low) low = real;
    else if (real > high) high = real;
  }
  return !(out instanceof Int16Array) || (low >= int16Min && high <= int16Max);
}

/**
 * Writes the frame's real values into `out` from `offset`. Returns false when `out` is an Int16Array
 * and some value did not fit (the caller then reads the series into a Float32Array instead).
 */
export function rescaleFrameInto(
  out: RealValueArray,
  offset: number,
  bytes: Uint8Array,
  image: DicomImageFile,
  plane: FramePlane,
): boolean {
  const stored = storedValues(bytes, image);
  const slope = plane.rescaleSlope;
  const intercept = plane.rescaleIntercept;
  const mask = maskedValue(image);
  // Each loop writes to a view of the output frame, so it indexes from 0 with no offset arithmetic.
  const frame = out.subarray(offset, offset + stored.length);
  if (mask === undefined && stored instanceof Uint16Array) {
    if (frame instanceof Float32Array) {
      uint16ToFloat32(frame, stored, slope, intercept);
      return true;
    }
    return slope === 1 && Number.isInteger(intercept)
      ? uint16PlusToInt16(frame, stored, intercept)
      : uint16ToInt16(frame, stored, slope, intercept);
  }
  if (mask === undefined && stored instanceof Int16Array) {
    if (frame instanceof Float32Array) {
      int16ToFloat32(frame, stored, slope, intercept);
      return true;
    }
    return int16ToInt16(frame, stored, slope, intercept);
  }
  return generalInto(frame, stored, mask ?? ((value) => value), slope, intercept);
}

// In place, for the common CT case (16-bit stored values, RescaleSlope 1, integer intercept): the
// stored bytes are read straight into the volume's Int16Array and turned into real values there, so
// the series is neither held twice in memory nor copied twice.

/** True when a frame's stored values can be rescaled in place into Int16 (see rescaleInPlaceToInt16). */
export function canRescaleInPlace(image: DicomImageFile, plane: FramePlane): boolean {
  return (
    image.bitsAllocated === 16 &&
    image.bitsStored === 16 &&
    plane.rescaleSlope === 1 &&
    Number.isInteger(plane.rescaleIntercept)
  );
}

// Unsigned 16-bit values plus an integer intercept, wrapped to 16 bits like Int16 storage. Returns the
// OR of the stored values, which bounds the largest from above and costs less to keep than a maximum.
function uint16InPlace(bytes: Uint8Array, intercept: number): number {
  const count = bytes.length / 2;
  const stored = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  const real = new Int16Array(bytes.buffer, bytes.byteOffset, count);
  let bits = 0;
  for (let index = 0; index < count; index++) {
    const value = stored[index] as number;
    bits |= value;
    real[index] = value + intercept;
  }
  return bits;
}

// The same two voxels at a time, on 32-bit words (SIMD within a register): each 16-bit lane gets its
// low 15 bits added with no carry out of the lane, then its top bit set by XOR, so the lanes add
// modulo 2^16 independently. About twice as fast as one voxel at a time, the loop being memory-bound.
function uint16PairsInPlace(bytes: Uint8Array, intercept: number): number {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const lane = intercept & 0xffff;
  const both = lane | (lane << 16) | 0;
  const lowBits = both & 0x7fff7fff;
  const topBits = both & 0x80008000;
  let bits = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as number;
    bits |= word;
    words[index] = ((word & 0x7fff7fff) + lowBits) ^ ((word & 0x80008000) ^ topBits);
  }
  return (bits & 0xffff) | (bits >>> 16);
}

function uint16Fits(bytes: Uint8Array, bits: number, intercept: number): boolean {
  if (intercept < int16Min) return false;
  if (bits + intercept <= int16Max) return true;
  // The bound does not fit: find the true maximum from the rewritten values (stored = real − intercept).
  const real = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  let high = 0;
  for (let index = 0; index < real.length; index++) {
    high = Math.max(high, ((real[index] as number) - intercept) & 0xffff);
  }
  return high + intercept <= int16Max;
}

// Signed values with a negative intercept can only overflow below, with a positive one only above.
function int16InPlace(values: Int16Array, intercept: number): boolean {
  const count = values.length;
  let extreme = 0;
  if (intercept <= 0) {
    for (let index = 0; index < count; index++) {
      const value = values[index] as number;
      if (value < extreme) extreme = value;
      values[index] = value + intercept;
    }
    return extreme + intercept >= int16Min;
  }
  for (let index = 0; index < count; index++) {
    const value = values[index] as number;
    if (value > extreme) extreme = value;
    values[index] = value + intercept;
  }
  return extreme + intercept <= int16Max;
}

/**
 * Rewrites a frame's little-endian 16-bit stored values (at an even byte offset) as Int16 real values
 * in the same bytes. False when some value does not fit in Int16; the bytes are then of no use.
 */
export function rescaleInPlaceToInt16(bytes: Uint8Array, image: DicomImageFile, plane: FramePlane): boolean {
  const intercept = plane.rescaleIntercept;
  if (image.pixelRepresentation === 1) {
    return int16InPlace(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2), intercept);
  }
  const wordAligned = bytes.byteOffset % 4 === 0 && bytes.length % 4 === 0;
  const bits = wordAligned ? uint16PairsInPlace(bytes, intercept) : uint16InPlace(bytes, intercept);
  return uint16Fits(bytes, bits, intercept);
}
