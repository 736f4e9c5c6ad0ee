import { describe, expect, it } from 'vitest';
import { createVolume, parseFrameTimes, VolumeReadError, withFrameTimes } from '../src/index.ts';

describe('parseFrameTimes (--times FILE)', () => {
  it.each([
    ['one a line', '0\n1.5\n3\n6.25\n'],
    ['comma separated', '0,1.5,3,6.25'],
    ['spaces, tabs and CRLF', '0 1.5\t3\r\n6.25'],
    ['comments and blank lines', '# frame times (s)\n\n0, 1.5 # start\n3\n\n6.25\n'],
    ['exponents and a leading plus', '0e0 +1.5 0.3e1 625e-2'],
  ])('reads %s', (_, text) => {
    expect(parseFrameTimes(text, 'times.txt')).toEqual([0, 1.5, 3, 6.25]);
  });

  it('reads negative times (before injection) when they increase', () => {
    expect(parseFrameTimes('-2\n-1\n0\n.5', 'times.txt')).toEqual([-2, -1, 0, 0.5]);
  });

  it.each([
    ['0\n1\nabc\n3', /^times\.txt: line 3: "abc" is not a number of seconds$/],
    ['0, 1, 2s', /^times\.txt: line 1: "2s" is not a number of seconds$/],
    ['0\n0x10', /^times\.txt: line 2: "0x10" is not a number of seconds$/],
    [
      '0\n1\n\n1\n',
      /^times\.txt: line 4: 1 s is not after 1 s \(the time on line 2\): frame times must increase$/,
    ],
    ['0 2 1', /^times\.txt: line 1: 1 s is not after 2 s \(the time before it\): frame times must increase$/],
    ['# nothing\n\n', /^times\.txt: holds no frame times$/],
  ])('refuses %j naming the file and line', (text, message) => {
    let error: unknown;
    try {
      parseFrameTimes(text, 'times.txt');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VolumeReadError);
    expect((error as VolumeReadError).file).toBe('times.txt');
    expect((error as Error).message).toMatch(message);
  });
});

describe('withFrameTimes', () => {
  const volume = createVolume({ data: new Int16Array(2 * 2 * 1 * 3), dims: [2, 2, 1], frames: 3 });

  it('sets the times, counted from the first frame', () => {
    // Times 4, 5.5, 9 s (from injection) become 0, 1.5, 5 s from the first frame.
    const timed = withFrameTimes(volume, [4, 5.5, 9]);
    expect(timed.frameTimesS).toEqual([0, 1.5, 5]);
    expect(timed.data).toBe(volume.data);
    expect(volume.frameTimesS).toBeUndefined();
  });

  it('refuses a count other than the frames, and times that do not increase', () => {
    expect(() => withFrameTimes(volume, [0, 1])).toThrow(/timesS has 2 times but the volume has 3 frames/);
    expect(() => withFrameTimes(volume, [0, 1, 1])).toThrow(/timesS\[2\] \(1 s\) is not after timesS\[1\]/);
    expect(() => withFrameTimes(volume, [0, Number.NaN, 2])).toThrow(/timesS\[1\] is NaN/);
  });
});
