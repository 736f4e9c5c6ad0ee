import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDicomSeries, readDicomSeries, scanDicomFolder, writeDicomSeries } from '../src/index.ts';
import { huVolume, syntheticVolume, withTempFolder } from './dicom-test-files.ts';

const cos30 = Math.sqrt(3) / 2;
// An oblique grid: x and y rotated 30° about z, so sorting must use the slice normal, not z alone.
const obliqueDirection = [cos30, 0.5, 0, -0.5, cos30, 0, 0, 0, 1];

function expectSameGeometry(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => {
    expect(value).toBeCloseTo(expected[index] ?? Number.NaN, 9);
  });
}

describe('DICOM CT series round trip (written with dcmjs, read with dicom-parser)', () => {
  it('keeps Int16 HU and geometry with slope 1 and intercept −1024', async () => {
    const volume = huVolume([7, 5, 4], { direction: obliqueDirection, originMm: [10.125, -20.5, 33.3] });
    await withTempFolder(async (folder) => {
      await writeDicomSeries(volume, folder, { rescaleSlope: 1, rescaleIntercept: -1024 });
      const { volume: read, geometry } = await readDicomSeries(folder);
      expect(read.data).toBeInstanceOf(Int16Array);
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
      expect(read.dims).toEqual([7, 5, 4]);
      expectSameGeometry(read.spacingMm, volume.spacingMm);
      expectSameGeometry(read.originMm, volume.originMm);
      expectSameGeometry(read.direction, obliqueDirection);
      expect(read.frames).toBe(1);
      // Positions along the normal (0, 0, 1): 33.3 + k × 2.5.
      expectSameGeometry(geometry.slicePositionsMm, [33.3, 35.8, 38.3, 40.8]);
      expectSameGeometry(geometry.sliceSpacingsMm, [2.5, 2.5, 2.5]);
      expect(geometry.uniformSpacing).toBe(true);
      expect(geometry.gantryTiltDeg).toBe(0);
      expect(geometry.warnings).toEqual([]);
    });
  });

  it('gives Float32 values when slope 0.5 and intercept −1000 leave halves', async () => {
    // Values −1000 + 0.5 n are stored as n and come back as exactly −1000 + 0.5 n.
    const dims = [4, 3, 3] as const;
    const data = new Float32Array(36).map((_, n) => -1000 + 0.5 * n * 7);
    const volume = syntheticVolume(data, dims);
    await withTempFolder(async (folder) => {
      await writeDicomSeries(volume, folder, { rescaleSlope: 0.5, rescaleIntercept: -1000 });
      const { volume: read } = await readDicomSeries(folder);
      expect(read.data).toBeInstanceOf(Float32Array);
      expect(Array.from(read.data)).toEqual(Array.from(data));
      expect(read.data[1]).toBe(-996.5); // −1000 + 0.5 × 1 × 7
    });
  });

  it('falls back to Float32 when integer rescale gives values beyond Int16', async () => {
    // Stored uint16 up to 40000 with intercept 0: HU 40000 does not fit in Int16 (max 32767).
    const data = new Float32Array([0, 100, 40000, 5, 6, 7, 8, 9]);
    const volume = syntheticVolume(data, [2, 2, 2]);
    await withTempFolder(async (folder) => {
      await writeDicomSeries(volume, folder, { rescaleSlope: 1, rescaleIntercept: 0 });
      const { volume: read } = await readDicomSeries(folder);
      expect(read.data).toBeInstanceOf(Float32Array);
      expect(Array.from(read.data)).toEqual([0, 100, 40000, 5, 6, 7, 8, 9]);
    });
  });

  it.each([
    // [what, HU values, intercept, expected array type]
    // Stored = HU − intercept: 0…65535 unsigned; real = stored − 32768 spans the whole Int16 range.
    [
      'unsigned stored values using all 16 bits',
      [-32768, 32767, 0, -1, 5, -5, 100, -100],
      -32768,
      Int16Array,
    ],
    // Stored −31976 (signed) − 1024 = −33000: below Int16, so the series is read as Float32.
    ['signed stored values overflowing below', [-33000, 0, 10, 20, 30, 40, 50, 60], -1024, Float32Array],
    // Stored 32000 (signed, as HU 0 is stored −1000) + 1000 = 33000: above Int16, read as Float32.
    ['signed stored values overflowing above', [33000, 0, 10, 20, 30, 40, 50, 60], 1000, Float32Array],
    // Stored −1000…(signed) − 1024 stays within Int16.
    ['signed stored values that fit', [-2024, 0, 10, 20, 30, 40, 50, 3071], -1024, Int16Array],
  ] as const)('reads %s', async (_what, hu, intercept, arrayType) => {
    const volume = syntheticVolume(new Float32Array(hu), [2, 2, 2]);
    await withTempFolder(async (folder) => {
      await writeDicomSeries(volume, folder, { rescaleSlope: 1, rescaleIntercept: intercept });
      const { volume: read } = await readDicomSeries(folder);
      expect(read.data).toBeInstanceOf(arrayType);
      expect(Array.from(read.data)).toEqual(hu);
    });
  });

  it('sorts slices by position, not by file name, and skips non-DICOM files', async () => {
    const volume = huVolume([3, 3, 6], { spacingMm: [1, 1, 1.5] });
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(volume, folder);
      // Renamed so that name order is the reverse of slice order, half of them in a subfolder.
      await mkdir(join(folder, 'more'));
      for (const [k, file] of files.entries()) {
        const name = `image-${String.fromCharCode(122 - k)}`;
        await rename(file, k % 2 === 0 ? join(folder, name) : join(folder, 'more', name));
      }
      await writeFile(join(folder, 'README.txt'), 'not a DICOM file');
      const progress: [number, number][] = [];
      const { volume: read, geometry } = await readDicomSeries(folder, {
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
      // Progress counts the series' files as their pixel data is read: 6 slices, README not among them.
      expect(progress.map(([done]) => done)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(progress.every(([, total]) => total === 6)).toBe(true);
      expect(geometry.warnings).toEqual(['1 file in the folder skipped: not DICOM images']);
    });
  });

  it('reads a multi-frame Enhanced CT file with per-frame positions and shared rescale', async () => {
    const data = new Float32Array(5 * 4 * 3).map((_, n) => -1000 + 0.5 * n);
    const volume = syntheticVolume(data, [5, 4, 3], { direction: obliqueDirection });
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(volume, folder, {
        multiFrame: true,
        rescaleSlope: 0.5,
        rescaleIntercept: -1000,
        acquisition: { kvp: 120, convolutionKernel: 'B30f', exposureMas: 150, ctdiVolMgy: 7.25 },
        seriesDescription: 'Enhanced QCT',
      });
      expect(files).toHaveLength(1);
      const [summary] = await listDicomSeries(folder);
      expect(summary).toMatchObject({ fileCount: 1, frameCount: 3, rows: 4, columns: 5, modality: 'CT' });
      const { volume: read, acquisition } = await readDicomSeries(folder);
      expect(Array.from(read.data)).toEqual(Array.from(data));
      expectSameGeometry(read.originMm, volume.originMm);
      expectSameGeometry(read.spacingMm, volume.spacingMm);
      expectSameGeometry(read.direction, obliqueDirection);
      // kVp, kernel, mAs and CTDIvol come from the shared functional groups of enhanced CT.
      expect(acquisition).toMatchObject({
        kvp: 120,
        convolutionKernel: 'B30f',
        exposureMas: 150,
        ctdiVolMgy: 7.25,
        seriesDescription: 'Enhanced QCT',
      });
    });
  });

  it.each(['implicit-vr-little-endian', 'explicit-vr-big-endian', 'rle-lossless'] as const)(
    'reads %s',
    async (transferSyntax) => {
      const volume = huVolume([6, 5, 3]);
      await withTempFolder(async (folder) => {
        await writeDicomSeries(volume, folder, { transferSyntax });
        const { volume: read } = await readDicomSeries(folder);
        expect(Array.from(read.data)).toEqual(Array.from(volume.data));
      });
    },
  );

  it('reads the acquisition from CT Image headers', async () => {
    await withTempFolder(async (folder) => {
      await writeDicomSeries(huVolume([2, 2, 2]), folder, {
        patient: { id: 'QCT-0042' },
        acquisition: {
          manufacturer: 'ACME',
          model: 'CT 9000',
          kvp: 120,
          tubeCurrentMa: 200.4,
          exposureMas: 99.6,
          convolutionKernel: 'STANDARD',
          sliceThicknessMm: 1.25,
          contrastAgent: 'Iohexol',
          studyDate: '2026-03-14',
          ctdiVolMgy: 6.5,
        },
        seriesDescription: 'L1-L3 QCT',
      });
      const { acquisition } = await readDicomSeries(folder);
      expect(acquisition).toEqual({
        manufacturer: 'ACME',
        model: 'CT 9000',
        kvp: 120,
        tubeCurrentMa: 200, // XRayTubeCurrent is an integer string (IS)
        exposureMas: 100,
        convolutionKernel: 'STANDARD',
        sliceThicknessMm: 1.25,
        contrastAgent: 'Iohexol',
        studyDate: '2026-03-14',
        seriesDescription: 'L1-L3 QCT',
        patientId: 'QCT-0042',
        ctdiVolMgy: 6.5,
      });
    });
  });
});

describe('series geometry report', () => {
  it('reports gantry tilt from positions shifted in y on each slice', async () => {
    // Each slice moves 2 mm along the normal (z) and 0.5 mm in y: tilt = atan(0.5 / 2) = 14.036°.
    // The z axis of the volume is the stacking direction (0, 0.5, 2) / √4.25, 2.0616 mm per slice.
    const stepMm = Math.sqrt(0.5 ** 2 + 2 ** 2);
    const volume = huVolume([4, 4, 5], {
      spacingMm: [1, 1, stepMm],
      direction: [1, 0, 0, 0, 1, 0, 0, 0.5 / stepMm, 2 / stepMm],
      originMm: [0, 0, 0],
    });
    await withTempFolder(async (folder) => {
      await writeDicomSeries(volume, folder);
      const { volume: read, geometry } = await readDicomSeries(folder);
      expect(geometry.gantryTiltDeg).toBeCloseTo(14.036, 3);
      expectSameGeometry(geometry.sliceSpacingsMm, [2, 2, 2, 2]);
      expect(geometry.warnings[0]).toMatch(/^gantry tilt of 14\.04°/);
      expect(read.spacingMm[2]).toBeCloseTo(2.0616, 4);
      expectSameGeometry(read.direction.slice(6), [0, 0.5 / stepMm, 2 / stepMm]);
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
    });
  });

  it('reports uneven spacing when a slice is missing', async () => {
    const volume = huVolume([3, 3, 6], { spacingMm: [1, 1, 1.25], originMm: [0, 0, 0] });
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(volume, folder);
      await rm(files[2] as string); // slice at z = 2.5 mm gone: 0, 1.25, 3.75, 5, 6.25
      const { geometry } = await readDicomSeries(folder);
      expectSameGeometry(geometry.slicePositionsMm, [0, 1.25, 3.75, 5, 6.25]);
      expectSameGeometry(geometry.sliceSpacingsMm, [1.25, 2.5, 1.25, 1.25]);
      expect(geometry.uniformSpacing).toBe(false);
      expect(geometry.warnings).toEqual([
        'uneven slice spacing against a median of 1.25 mm: 2.5 mm between slices 1 and 2. The volume assumes even spacing; resample before measuring across slices.',
      ]);
    });
  });

  it('does not flag spacing rounding below 0.01 mm', async () => {
    const volume = huVolume([2, 2, 4], { spacingMm: [1, 1, 0.6], originMm: [0.0001, 0, -0.3] });
    await withTempFolder(async (folder) => {
      await writeDicomSeries(volume, folder);
      const { geometry } = await readDicomSeries(folder);
      expect(geometry.uniformSpacing).toBe(true);
    });
  });
});

describe('several series in one folder', () => {
  it('lists each series and reads the one chosen by UID', async () => {
    const first = huVolume([3, 2, 2]);
    const second = syntheticVolume(new Int16Array(3 * 2 * 4).fill(150), [3, 2, 4]);
    await withTempFolder(async (folder) => {
      await writeDicomSeries(first, join(folder, 'a'), { seriesUid: '1.2.3.1', seriesDescription: 'Scout' });
      await writeDicomSeries(second, join(folder, 'b'), {
        seriesUid: '1.2.3.2',
        seriesDescription: 'Spine 1mm',
      });
      await writeFile(join(folder, 'notes.txt'), 'hello');
      const scan = await scanDicomFolder(folder);
      expect(scan.series.map((s) => [s.seriesUid, s.seriesDescription, s.fileCount, s.frameCount])).toEqual([
        ['1.2.3.1', 'Scout', 2, 2],
        ['1.2.3.2', 'Spine 1mm', 4, 4],
      ]);
      expect(scan.skipped).toEqual([{ file: 'notes.txt', reason: 'not DICOM' }]);

      await expect(readDicomSeries(folder)).rejects.toThrow(
        `${folder}: holds 2 series; choose one by its SeriesInstanceUID: 1.2.3.1 "Scout" (CT, 2 images in 2 files); 1.2.3.2 "Spine 1mm" (CT, 4 images in 4 files)`,
      );
      const { volume, geometry } = await readDicomSeries(folder, { seriesUid: '1.2.3.2' });
      expect(volume.dims).toEqual([3, 2, 4]);
      expect(Array.from(volume.data).every((hu) => hu === 150)).toBe(true);
      expect(geometry.seriesUid).toBe('1.2.3.2');
      await expect(readDicomSeries(folder, { seriesUid: '9.9' })).rejects.toThrow(
        `${folder}: no series 9.9 here; the folder holds: 1.2.3.1 "Scout"`,
      );
    });
  });

  it('refuses two images at the same position, naming both files', async () => {
    await withTempFolder(async (folder) => {
      const { files } = await writeDicomSeries(huVolume([2, 2, 3]), folder);
      await copyFile(files[1] as string, join(folder, 'copy.dcm'));
      expect((await readdir(folder)).length).toBe(4);
      await expect(readDicomSeries(folder)).rejects.toThrow(
        // Slice 2 of the default grid is at z = 310 + 1 × 2.5 = 312.5 mm.
        /(copy|CT-0002)\.dcm: duplicate slice: at the same position \(312\.5 mm along the slice normal\) as (CT-0002|copy)\.dcm;/,
      );
    });
  });
});
