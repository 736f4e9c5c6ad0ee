import { describe, expect, it } from 'vitest';
import { resampleUniform, uniformTimes } from '../src/index.ts';

describe('uniformTimes', () => {
  it('steps from the first frame to the last, including the last when reached', () => {
    expect(Array.from(uniformTimes([2, 3.5, 6], 1))).toEqual([2, 3, 4, 5, 6]);
    // 0 .. 5.9 in steps of 2: 0, 2, 4 (6 is past the last frame)
    expect(Array.from(uniformTimes([0, 1, 5.9], 2))).toEqual([0, 2, 4]);
  });

  it('refuses unordered times and a bad step, naming the field', () => {
    expect(() => uniformTimes([0, 2, 1], 1)).toThrow(/timesS\[2\]/);
    expect(() => uniformTimes([0], 1)).toThrow(/timesS/);
    expect(() => uniformTimes([0, 1], 0)).toThrow(/dtS/);
  });
});

describe('resampleUniform on uneven frame times', () => {
  it('reproduces a straight line exactly, whatever the spacing', () => {
    // v(t) = 3t + 1 sampled at uneven times; linear interpolation is exact for a line.
    const times = [0, 0.7, 2.1, 2.5, 4, 7.2, 10];
    const values = times.map((t) => 3 * t + 1);
    const out = resampleUniform(times, values, 0.5);
    expect(out.length).toBe(21);
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(3 * (i * 0.5) + 1, 10);
    });
  });

  it('interpolates between the neighbouring frames', () => {
    // frames at 0, 1, 4 with values 0, 10, 40 (a kink at t=1): at t=2, 10 + (2-1)/(4-1)·30 = 20; at 3, 30.
    const out = resampleUniform([0, 1, 4], [0, 10, 40], 1);
    expect(Array.from(out)).toEqual([0, 10, 20, 30, 40]);
    // a peak between frames is cut, as linear interpolation must: frames 0, 2, 4 with 0, 8, 0 → 0, 4, 8, 4, 0.
    expect(Array.from(resampleUniform([0, 2, 4], [0, 8, 0], 1))).toEqual([0, 4, 8, 4, 0]);
  });

  it('refuses values that do not match the times', () => {
    expect(() => resampleUniform([0, 1, 2], [1, 2], 1)).toThrow(/values/);
  });
});
