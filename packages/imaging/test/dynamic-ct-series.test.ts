import { copyFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readDicomSeries,
  readDynamicCtSeries,
  VolumeReadError,
  writeDynamicCtSeries,
  type Triple,
  type Volume,
} from '../src/index.ts';
import { withTempFolder, writeRawCtFile } from './dicom-test-files.ts';

const cos30 = Math.sqrt(3) / 2;
// An oblique grid: x and y rotated 30° about z, so slices must be grouped along the normal, not by z.
const obliqueDirection = [cos30, 0.5, 0, -0.5, cos30, 0, 0, 0, 1];
// Uneven on purpose: 1 s intervals, then 2 and 3.625 s (as a protocol that slows down for the washout).
const unevenTimesS = [0, 1, 2, 3, 4, 6, 9.625];
const acquisition = { kvp: 80, exposureMas: 150, tubeCurrentMa: 200, ctdiVolMgy: 180.5 };

/** A 4-D CT-like Int16 volume: voxel n of the whole array (frames included) is −1024 + (37 n mod 4000). */
function dynamicVolume(dims: Triple, frameTimesS: readonly number[]): Volume<Int16Array> {
  const count = dims[0] * dims[1] * dims[2] * frameTimesS.length;
  const data = new Int16Array(count);
  for (let n = 0; n < count; n++) data[n] = -1024 + ((n * 37) % 4000);
  return {
    data,
    dims,
    spacingMm: [0.7, 0.75, 5],
    originMm: [-80.25, -60.5, 20],
    direction: obliqueDirection,
    frames: frameTimesS.length,
    frameTimesS,
  };
}

/** Renames every file to a name whose sorted order has nothing to do with time or slice. */
async function shuffleNames(folder: string): Promise<void> {
  const files = (await readdir(folder)).sort();
  // A fixed permutation (multiplying by 7 modulo a prime above the count) keeps the test repeatable.
  const prime = 101;
  await Promise.all(
    files.map((file, index) =>
      rename(
        join(folder, file),
        join(folder, `img-${String(((index + 1) * 7) % prime).padStart(3, '0')}.dcm`),
      ),
    ),
  );
}

function expectClose(actual: readonly number[], expected: readonly number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => {
    expect(value).toBeCloseTo(expected[index] ?? Number.NaN, digits);
  });
}

describe('dynamic CT series round trip (writeDynamicCtSeries, readDynamicCtSeries)', () => {
  it('reads back shuffled files with uneven frame times: values, geometry, times and protocol', async () => {
    const volume = dynamicVolume([6, 5, 4], unevenTimesS);
    await withTempFolder(async (folder) => {
      const written = await writeDynamicCtSeries(volume, folder, {
        acquisition,
        startDate: '2026-11-30',
        startTimeOfDayS: 10 * 3600 + 15 * 60 + 7.123,
      });
      expect(written.files).toHaveLength(4 * 7);
      await shuffleNames(folder);
      const progress: number[] = [];
      const {
        volume: read,
        geometry,
        protocol,
      } = await readDynamicCtSeries(folder, {
        onProgress: (done, total) => progress.push(done / total),
      });
      expect(read.data).toBeInstanceOf(Int16Array);
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
      expect(read.dims).toEqual([6, 5, 4]);
      expect(read.frames).toBe(7);
      expectClose(read.spacingMm, volume.spacingMm, 9);
      expectClose(read.originMm, volume.originMm, 9);
      expectClose(read.direction, obliqueDirection, 9);
      // Times written to the microsecond from a start at 10:15:07.123; read back to the millisecond.
      expectClose(read.frameTimesS ?? [], unevenTimesS, 3);
      expectClose(protocol.frameTimesS, unevenTimesS, 3);
      expectClose(protocol.frameIntervalsS, [1, 1, 1, 1, 2, 3.625], 3);
      expect(protocol.frameCount).toBe(7);
      expect(protocol.totalAcquisitionS).toBeCloseTo(9.625, 3);
      expect(protocol.uniformFrameTiming).toBe(false);
      expect(protocol.maxSliceTimeSpreadS).toBe(0);
      expect(protocol.timeSource).toMatch(/^AcquisitionDateTime \(0008,002A\)/);
      expect(protocol).toMatchObject({ kvp: 80, exposureMas: 150, tubeCurrentMa: 200, ctdiVolMgy: 180.5 });
      // Median interval 1 s (of 1, 1, 1, 1, 2, 3.625); tolerance max(5% of 1 s, 0.05 s) = 0.05 s, so the
      // last two intervals are uneven.
      expect(geometry.warnings.join(' ')).toMatch(
        /uneven frame timing against a median interval of 1 s: 2 s between frames 5 and 6; 3\.625 s between frames 6 and 7\. /,
      );
      expect(geometry.sliceCount).toBe(4);
      expectClose(geometry.slicePositionsMm, [20, 25, 30, 35], 9);
      expect(progress.at(-1)).toBe(1);
      expect(progress).toHaveLength(28);
    });
  });

  it('reports even timing as uniform, and reads Float32 values when the slope leaves halves', async () => {
    const volume = dynamicVolume([3, 2, 2], [0, 2, 4, 6]);
    const halves = { ...volume, data: Float32Array.from(volume.data, (v) => v + 0.5) };
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(halves, folder, { rescaleSlope: 0.5, rescaleIntercept: -1024 });
      const { volume: read, protocol, geometry } = await readDynamicCtSeries(folder);
      expect(read.data).toBeInstanceOf(Float32Array);
      expect(Array.from(read.data)).toEqual(Array.from(halves.data));
      expect(protocol.uniformFrameTiming).toBe(true);
      expect(geometry.warnings).toEqual([]);
      expect(protocol.kvp).toBeUndefined();
    });
  });

  it('orders time points by acquisition time alone across midnight (no dates, no temporal positions)', async () => {
    // Start 23:59:50: frames at 23:59:50, :51, :53.5, 00:00:05.25 and 00:00:10.
    const timesS = [0, 1, 3.5, 15.25, 20];
    const volume = dynamicVolume([4, 3, 3], timesS);
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(volume, folder, {
        startTimeOfDayS: 86_400 - 10,
        timeAttributes: 'time-only',
        temporalPositions: false,
      });
      await shuffleNames(folder);
      const { volume: read, protocol } = await readDynamicCtSeries(folder);
      expect(protocol.timeSource).toMatch(/^AcquisitionTime \(0008,0032\)/);
      expectClose(read.frameTimesS ?? [], timesS, 3);
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
    });
  });

  it('takes ContentTime when AcquisitionTime stamps every image with the series start', async () => {
    const timesS = [0, 1.25, 2.5, 4, 7];
    const volume = dynamicVolume([3, 2, 2], timesS);
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(volume, folder, {
        timeAttributes: 'series-start',
        temporalPositions: false,
      });
      await shuffleNames(folder);
      const { volume: read, protocol } = await readDynamicCtSeries(folder);
      // AcquisitionDate/Time is complete but gives every image one time; ContentDate/Time orders them.
      expect(protocol.timeSource).toMatch(/^ContentDate \(0008,0023\) and ContentTime \(0008,0033\)$/);
      expectClose(read.frameTimesS ?? [], timesS, 3);
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
    });
  });

  it('crosses midnight into a new year when the dates are written', async () => {
    const timesS = [0, 2, 4, 6, 8];
    const volume = dynamicVolume([2, 2, 2], timesS);
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(volume, folder, { startDate: '2026-12-31', startTimeOfDayS: 86_400 - 3 });
      const { volume: read } = await readDynamicCtSeries(folder);
      expectClose(read.frameTimesS ?? [], timesS, 3);
    });
  });

  it('reads an Enhanced CT multi-frame file with per-frame acquisition times and temporal positions', async () => {
    const volume = dynamicVolume([5, 4, 3], unevenTimesS);
    await withTempFolder(async (folder) => {
      const written = await writeDynamicCtSeries(volume, folder, { multiFrame: true, acquisition });
      expect(written.files).toHaveLength(1);
      const { volume: read, protocol } = await readDynamicCtSeries(folder);
      expect(Array.from(read.data)).toEqual(Array.from(volume.data));
      expectClose(read.frameTimesS ?? [], unevenTimesS, 3);
      expect(protocol.timeSource).toMatch(/^per-frame FrameAcquisitionDateTime \(0018,9074\)/);
      expect(protocol).toMatchObject({ kvp: 80, exposureMas: 150, tubeCurrentMa: 200, ctdiVolMgy: 180.5 });
    });
  });
});

describe('dynamic CT series refused', () => {
  it.each([
    ['with temporal positions', true],
    ['by acquisition time alone', false],
  ])('names the time point and slice of a missing image (%s)', async (_, temporalPositions) => {
    const volume = dynamicVolume([3, 3, 4], unevenTimesS);
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(volume, folder, { temporalPositions });
      // Time point 4 (3 s) loses slice 2, at 25 mm along the normal (origin z 20 mm + 1 × 5 mm).
      await rm(join(folder, 'CT-t004-s0002.dcm'));
      await expect(readDynamicCtSeries(folder)).rejects.toThrow(
        /missing slice: time point 4 of 7 \(at 3 s\) has no image at slice 2 of 4 \(25 mm along the slice normal\)/,
      );
    });
  });

  it('refuses images without any acquisition or content time, naming the file', async () => {
    await withTempFolder(async (folder) => {
      // Two bare 2 × 2 CT images at the same place with no time attribute at all.
      await writeRawCtFile(join(folder, 'a.dcm'));
      await writeRawCtFile(join(folder, 'b.dcm'));
      await expect(readDynamicCtSeries(folder)).rejects.toThrow(
        /a\.dcm: no readable AcquisitionDateTime, AcquisitionTime or ContentTime \(0008,0032\)\/\(0008,0033\): the frame times of a dynamic series cannot be read; give them in a times file/,
      );
    });
  });

  it('refuses a doubled image', async () => {
    const volume = dynamicVolume([2, 2, 2], [0, 1, 2]);
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(volume, folder);
      await copyFile(join(folder, 'CT-t002-s0001.dcm'), join(folder, 'copy.dcm'));
      const error: unknown = await readDynamicCtSeries(folder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VolumeReadError);
      expect((error as Error).message).toMatch(
        /duplicate image: at the same slice position .*\(time point 2\)/,
      );
      expect((error as Error).message).toMatch(/(copy|CT-t002-s0001)\.dcm/);
    });
  });

  it('refuses a folder of one time point, and readDicomSeries points a dynamic folder to the dynamic reader', async () => {
    const volume = dynamicVolume([2, 2, 3], [0, 1.5]);
    await withTempFolder(async (folder) => {
      await writeDynamicCtSeries(volume, folder);
      await expect(readDicomSeries(folder)).rejects.toThrow(/duplicate slice: .*readDynamicCtSeries/);
      await Promise.all([1, 2, 3].map((k) => rm(join(folder, `CT-t002-s000${k}.dcm`))));
      await expect(readDynamicCtSeries(folder)).rejects.toThrow(
        /holds one time point of 3 slices: not a dynamic series/,
      );
    });
  });

  it('refuses to write a volume without a time for every frame, or times that do not increase', async () => {
    const volume = dynamicVolume([2, 2, 1], [0, 1, 2]);
    await withTempFolder(async (folder) => {
      const { frameTimesS: _, ...untimed } = volume;
      await expect(writeDynamicCtSeries(untimed, folder)).rejects.toThrow(
        /frameTimesS has 0 times but the volume has 3 frames/,
      );
      await expect(writeDynamicCtSeries({ ...volume, frameTimesS: [0, 2, 2] }, folder)).rejects.toThrow(
        /frameTimesS\[2\] is 2 s, not after frameTimesS\[1\]/,
      );
      await expect(
        writeDynamicCtSeries(
          { ...volume, frames: 1, data: volume.data.subarray(0, 4), frameTimesS: [0] },
          folder,
        ),
      ).rejects.toThrow(/writes 4-D volumes/);
    });
  });
});
