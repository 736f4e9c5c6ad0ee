// The stored pixel values of one frame, as little-endian bytes: native pixel data is a view into the
// file's bytes (no copy), big-endian data is byte-swapped, RLE Lossless is decoded, anything else is
// refused with the transfer syntax named.
import { VolumeReadError } from '../types/volume-read-error.ts';
import type { DicomImageFile } from './dicom-image-file.ts';
import { dicomParser } from './dicom-parser-module.ts';
import { tag } from './dicom-tags.ts';
import { decodeRleFrame } from './rle-lossless.ts';
import { pixelEncoding, transferSyntaxLabel } from './transfer-syntax.ts';

function frameByteLength(image: DicomImageFile): number {
  return image.rows * image.columns * (image.bitsAllocated / 8);
}

/** A VolumeReadError when the file's transfer syntax cannot be read. */
export function assertReadableTransferSyntax(image: DicomImageFile): void {
  if (pixelEncoding(image.transferSyntaxUid) === 'unsupported') {
    throw new VolumeReadError(
      image.file,
      `${transferSyntaxLabel(image.transferSyntaxUid)} is not supported: decompress the series first (e.g. gdcmconv --raw or dcmdjpeg)`,
    );
  }
}

function nativeFrame(image: DicomImageFile, frameIndex: number): Uint8Array {
  const element = image.dataSet.elements[tag.pixelData];
  if (element === undefined) throw new VolumeReadError(image.file, 'missing PixelData (7FE0,0010)');
  const bytes = image.dataSet.byteArray;
  const frameLength = frameByteLength(image);
  const needed = frameLength * image.frameCount;
  const available = Math.max(0, Math.min(element.length, bytes.length - element.dataOffset));
  if (available < needed) {
    throw new VolumeReadError(
      image.file,
      `pixel data is ${available} bytes but ${image.rows} rows × ${image.columns} columns × ${image.bitsAllocated} bits × ${image.frameCount} frame(s) need ${needed} bytes (truncated file?)`,
    );
  }
  const start = element.dataOffset + frameIndex * frameLength;
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, frameLength);
}

function swapBytes(frame: Uint8Array, bytesPerPixel: number): Uint8Array {
  const swapped = new Uint8Array(frame.length);
  if (bytesPerPixel === 1) {
    swapped.set(frame);
    return swapped;
  }
  for (let index = 0; index < frame.length; index += 2) {
    swapped[index] = frame[index + 1] ?? 0;
    swapped[index + 1] = frame[index] ?? 0;
  }
  return swapped;
}

function rleFrame(image: DicomImageFile, frameIndex: number): Uint8Array {
  const element = image.dataSet.elements[tag.pixelData];
  if (element === undefined) throw new VolumeReadError(image.file, 'missing PixelData (7FE0,0010)');
  const where = image.frameCount > 1 ? ` (frame ${frameIndex + 1})` : '';
  let encoded: Uint8Array;
  try {
    const fragments = element.fragments ?? [];
    const hasOffsets = (element.basicOffsetTable ?? []).length > 0;
    encoded =
      image.frameCount === 1
        ? dicomParser.readEncapsulatedPixelDataFromFragments(image.dataSet, element, 0, fragments.length)
        : hasOffsets
          ? dicomParser.readEncapsulatedImageFrame(image.dataSet, element, frameIndex)
          : dicomParser.readEncapsulatedPixelDataFromFragments(image.dataSet, element, frameIndex, 1);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    throw new VolumeReadError(image.file + where, `cannot find the RLE frame in the pixel data: ${message}`);
  }
  const decoded = decodeRleFrame(encoded, image.rows * image.columns, image.bitsAllocated / 8);
  if (typeof decoded === 'string') throw new VolumeReadError(image.file + where, decoded);
  return decoded;
}

/** The stored values of frame `frameIndex` of an image file, as little-endian bytes. */
export function frameBytes(image: DicomImageFile, frameIndex: number): Uint8Array {
  switch (pixelEncoding(image.transferSyntaxUid)) {
    case 'native-little-endian':
      return nativeFrame(image, frameIndex);
    case 'native-big-endian':
      return swapBytes(nativeFrame(image, frameIndex), image.bitsAllocated / 8);
    case 'rle-lossless':
      return rleFrame(image, frameIndex);
    case 'unsupported':
      assertReadableTransferSyntax(image);
      return new Uint8Array(0);
  }
}
