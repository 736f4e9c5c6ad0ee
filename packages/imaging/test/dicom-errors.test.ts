import { readFile, truncate, writeFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDicomSeries, scanDicomFolder, VolumeReadError, writeDicomSeries } from '../src/index.ts';
import { huVolume, withTempFolder, writeRawCtFile } from './dicom-test-files.ts';

async function readError(folder: string): Promise<VolumeReadError> {
  const error: unknown = await readDicomSeries(folder).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof VolumeReadError))
    throw new Error(`expected a VolumeReadError, got ${String(error)}`);
  return error;
}

describe('malformed DICOM gives a VolumeReadError naming the file and the problem', () => {
  it('refuses JPEG 2000 naming the transfer syntax', async () => {
    await withTempFolder(async (folder) => {
      await writeRawCtFile(
        join(folder, 'j2k.dcm'),
        { PixelData: [new Uint8Array([0xff, 0x4f, 0xff, 0x51]).buffer], _vrMap: { PixelData: 'OB' } },
        '1.2.840.10008.1.2.4.90',
      );
      const error = await readError(folder);
      expect(error.file).toBe(join(folder, 'j2k.dcm'));
      expect(error.problem).toBe(
        'JPEG 2000 Image Compression (Lossless Only) (1.2.840.10008.1.2.4.90) is not supported: decompress the series first (e.g. gdcmconv --raw or dcmdjpeg)',
      );
    });
  });

  it('names pixel data shorter than rows × columns × bits', async () => {
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(huVolume([5, 4, 2]), folder);
      const file = files[1] as string;
      const size = (await readFile(file)).length;
      await truncate(file, size - 10);
      const error = await readError(folder);
      // 4 rows × 5 columns × 2 bytes = 40 bytes needed; 10 cut from the end leaves 30.
      expect(error.message).toBe(
        `${join(folder, 'CT-0002.dcm')}: pixel data is 30 bytes but 4 rows × 5 columns × 16 bits × 1 frame(s) need 40 bytes (truncated file?)`,
      );
    });
  });

  it('names a file cut off inside its header', async () => {
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(huVolume([5, 4, 2]), folder);
      await truncate(files[0] as string, 300);
      const error = await readError(folder);
      expect(error.file).toBe(join(folder, 'CT-0001.dcm'));
      expect(error.problem).toMatch(/^malformed or truncated DICOM file: /);
    });
  });

  it('names a missing ImagePositionPatient', async () => {
    await withTempFolder(async (folder) => {
      await writeRawCtFile(join(folder, 'a.dcm'), { ImagePositionPatient: undefined });
      expect((await readError(folder)).message).toBe(
        `${join(folder, 'a.dcm')}: missing ImagePositionPatient (0020,0032)`,
      );
    });
  });

  it('names a missing Rows', async () => {
    await withTempFolder(async (folder) => {
      await writeRawCtFile(join(folder, 'a.dcm'), { Rows: undefined });
      expect((await readError(folder)).message).toBe(`${join(folder, 'a.dcm')}: missing Rows (0028,0010)`);
    });
  });

  it('names an ImageOrientationPatient with the wrong number of values', async () => {
    await withTempFolder(async (folder) => {
      await writeRawCtFile(join(folder, 'a.dcm'), { ImageOrientationPatient: ['1', '0', '0', '0', '1'] });
      expect((await readError(folder)).message).toBe(
        `${join(folder, 'a.dcm')}: ImageOrientationPatient (0020,0037) has 5 values, expected 6: 1\\0\\0\\0\\1`,
      );
    });
  });

  it('refuses images of different sizes in one series', async () => {
    await withTempFolder(async (folder) => {
      await writeRawCtFile(join(folder, 'a.dcm'));
      await writeRawCtFile(join(folder, 'b.dcm'), {
        ImagePositionPatient: ['0', '0', '1'],
        Rows: 1,
        PixelData: [new Int16Array([1, 2]).buffer],
      });
      expect((await readError(folder)).message).toBe(
        `${join(folder, 'b.dcm')}: is 1 rows × 2 columns but a.dcm is 2 × 2: one series must share one image size`,
      );
    });
  });

  it('says when a folder holds no DICOM images, and when it is not a folder', async () => {
    await withTempFolder(async (folder) => {
      await writeFile(join(folder, 'x.txt'), 'text');
      expect((await readError(folder)).message).toBe(`${folder}: no DICOM image files found in the folder`);
      await expect(readDicomSeries(join(folder, 'x.txt'))).rejects.toThrow(
        'not a folder: give the folder holding the series',
      );
      await expect(readDicomSeries(join(folder, 'absent'))).rejects.toThrow(
        `${join(folder, 'absent')}: no such folder`,
      );
    });
  });
});

describe('other encodings', () => {
  it('reads Deflated Explicit VR Little Endian', async () => {
    await withTempFolder(async (folder) => {
      // dcmjs declares the deflated syntax but writes the dataset plainly; deflate it here. The file
      // meta group ends 144 bytes + its group length (UL at byte 140) into the file (PS3.10 §7.1).
      const path = join(folder, 'deflated.dcm');
      await writeRawCtFile(
        path,
        { PixelData: [new Int16Array([-5, 0, 7, 1000]).buffer] },
        '1.2.840.10008.1.2.1.99',
      );
      const plain = await readFile(path);
      const metaEnd = 144 + plain.readUInt32LE(140);
      await writeFile(
        path,
        Buffer.concat([plain.subarray(0, metaEnd), deflateRawSync(plain.subarray(metaEnd))]),
      );
      const { volume } = await readDicomSeries(folder);
      expect(Array.from(volume.data)).toEqual([-5, 0, 7, 1000]);
    });
  });

  it('reads per-frame position and rescale of an Enhanced CT file, frames stored out of order', async () => {
    await withTempFolder(async (folder) => {
      // Frame 1 lies at z = 5 mm with intercept −1000; frame 2 at z = 0 with intercept −1024. Sorted by
      // position, frame 2 comes first: stored 1, 2, 3, 4 − 1024 and then stored 10, 20, 30, 40 − 1000.
      await writeRawCtFile(join(folder, 'enhanced.dcm'), {
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.2.1',
        NumberOfFrames: '2',
        ImagePositionPatient: undefined,
        ImageOrientationPatient: undefined,
        PixelSpacing: undefined,
        RescaleIntercept: undefined,
        RescaleSlope: undefined,
        SharedFunctionalGroupsSequence: [
          {
            PixelMeasuresSequence: [{ PixelSpacing: ['0.5', '0.5'], SliceThickness: '5' }],
            PlaneOrientationSequence: [{ ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'] }],
          },
        ],
        PerFrameFunctionalGroupsSequence: [
          {
            PlanePositionSequence: [{ ImagePositionPatient: ['0', '0', '5'] }],
            PixelValueTransformationSequence: [{ RescaleIntercept: '-1000', RescaleSlope: '1' }],
          },
          {
            PlanePositionSequence: [{ ImagePositionPatient: ['0', '0', '0'] }],
            PixelValueTransformationSequence: [{ RescaleIntercept: '-1024', RescaleSlope: '1' }],
          },
        ],
        PixelData: [new Int16Array([10, 20, 30, 40, 1, 2, 3, 4]).buffer],
      });
      const { volume, geometry } = await readDicomSeries(folder);
      expect(Array.from(volume.data)).toEqual([-1023, -1022, -1021, -1020, -990, -980, -970, -960]);
      expect(volume.spacingMm).toEqual([0.5, 0.5, 5]);
      expect(geometry.slicePositionsMm).toEqual([0, 5]);
    });
  });

  it('lists a malformed DICOM file as skipped, with the reason', async () => {
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(huVolume([5, 4, 2]), folder);
      await truncate(files[0] as string, 300);
      const scan = await scanDicomFolder(folder);
      expect(scan.series.map((s) => s.fileCount)).toEqual([1]);
      expect(scan.skipped).toHaveLength(1);
      expect(scan.skipped[0]?.file).toBe('CT-0001.dcm');
      expect(scan.skipped[0]?.reason).toMatch(/^malformed or truncated DICOM file: /);
    });
  });
});

describe('stored values', () => {
  it('ignores bits above BitsStored (12-bit CT with overlay bits set)', async () => {
    // Stored 0x1000 | 1024 has bit 12 set outside the 12 stored bits: the value is 1024 → 1024 − 1024 = 0 HU.
    await withTempFolder(async (folder) => {
      await writeRawCtFile(join(folder, 'a.dcm'), {
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 0,
        RescaleIntercept: '-1024',
        PixelData: [new Uint16Array([0x1000 | 1024, 0, 4095, 0x8000 | 2048]).buffer],
      });
      const { volume } = await readDicomSeries(folder);
      expect(Array.from(volume.data)).toEqual([0, -1024, 3071, 1024]);
    });
  });

  it('sign-extends 12-bit two’s complement values', async () => {
    // 0xFFF in 12 bits is −1; 0x800 is −2048; 0x7FF is 2047.
    await withTempFolder(async (folder) => {
      await writeRawCtFile(join(folder, 'a.dcm'), {
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 1,
        PixelData: [new Uint16Array([0x0fff, 0x0800, 0x07ff, 5]).buffer],
      });
      const { volume } = await readDicomSeries(folder);
      expect(Array.from(volume.data)).toEqual([-1, -2048, 2047, 5]);
    });
  });
});
