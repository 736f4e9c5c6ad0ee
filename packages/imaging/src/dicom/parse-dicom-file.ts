// Parses a DICOM Part 10 file with dicom-parser (lazy: it records where each element lies in the bytes
// and reads values only when asked), turning the parser's thrown strings into a VolumeReadError.
import { inflateRawSync } from 'node:zlib';
import type { DataSet } from 'dicom-parser';
import { VolumeReadError } from '../types/volume-read-error.ts';
import { dicomParser } from './dicom-parser-module.ts';
import { tag } from './dicom-tags.ts';

/** Bytes 128–131 of a DICOM Part 10 file spell DICM after the 128-byte preamble (PS3.10 §7.1). */
export function isDicomPart10(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

// Deflated Explicit VR Little Endian: the dataset after the file meta group is a raw deflate stream.
function inflateDataset(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const whole = new Uint8Array(position + inflated.length);
  whole.set(bytes.subarray(0, position), 0);
  whole.set(inflated, position);
  return whole;
}

// dicom-parser throws Errors, strings, or { exception, dataSet } when the dataset walk fails.
function describe(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  if (typeof thrown === 'object' && thrown !== null && 'exception' in thrown)
    return describe(thrown.exception);
  return 'unknown parser error';
}

/**
 * The dataset of a Part 10 file. `headerOnly` stops before the pixel data (for listing a folder).
 * A file the parser cannot walk (truncated, malformed) gives a VolumeReadError naming the file.
 */
export function parseDicomFile(bytes: Uint8Array, file: string, headerOnly = false): DataSet {
  if (!isDicomPart10(bytes))
    throw new VolumeReadError(file, 'not a DICOM Part 10 file (no DICM at byte 128)');
  const parse = (untilPixelData: boolean): DataSet =>
    dicomParser.parseDicom(bytes, {
      inflater: inflateDataset,
      ...(untilPixelData ? { untilTag: tag.pixelData } : {}),
    });
  try {
    return parse(headerOnly);
  } catch (thrown) {
    // Pixel data cut short makes the parser overrun; the header alone then parses, and the pixel
    // reader names how many bytes are missing. Anything else is reported as the parser saw it.
    const header = headerOnly ? undefined : tryParse(() => parse(true));
    const pixelData = header?.elements[tag.pixelData];
    if (
      header !== undefined &&
      pixelData !== undefined &&
      pixelData.dataOffset + pixelData.length > bytes.length
    ) {
      return header;
    }
    const message = describe(thrown).replace(/^dicomParser[.:]\w+: /, '');
    throw new VolumeReadError(file, `malformed or truncated DICOM file: ${message}`);
  }
}

function tryParse(parse: () => DataSet): DataSet | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
