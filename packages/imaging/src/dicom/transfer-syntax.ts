// Transfer syntaxes (DICOM PS3.5 §10 and Annex A; UIDs and names from PS3.6 Annex A) and what the
// reader does with each: native pixel data is copied, RLE Lossless is decoded, the rest is refused.

export type PixelEncoding = 'native-little-endian' | 'native-big-endian' | 'rle-lossless' | 'unsupported';

export const transferSyntaxUid = {
  implicitVrLittleEndian: '1.2.840.10008.1.2',
  explicitVrLittleEndian: '1.2.840.10008.1.2.1',
  deflatedExplicitVrLittleEndian: '1.2.840.10008.1.2.1.99',
  explicitVrBigEndian: '1.2.840.10008.1.2.2',
  rleLossless: '1.2.840.10008.1.2.5',
} as const;

const names: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70':
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless Image Compression',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Lossy (Near-Lossless) Image Compression',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile / Main Level',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000 Image Compression',
};

/** The transfer syntax's name with its UID, e.g. "RLE Lossless (1.2.840.10008.1.2.5)". */
export function transferSyntaxLabel(uid: string): string {
  return `${names[uid] ?? 'Unknown transfer syntax'} (${uid})`;
}

/** How the pixel data of a file in this transfer syntax is laid out. */
export function pixelEncoding(uid: string): PixelEncoding {
  switch (uid) {
    case transferSyntaxUid.implicitVrLittleEndian:
    case transferSyntaxUid.explicitVrLittleEndian:
    case transferSyntaxUid.deflatedExplicitVrLittleEndian:
      return 'native-little-endian';
    case transferSyntaxUid.explicitVrBigEndian:
      return 'native-big-endian';
    case transferSyntaxUid.rleLossless:
      return 'rle-lossless';
    default:
      return 'unsupported';
  }
}
