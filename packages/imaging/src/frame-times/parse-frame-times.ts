// A frame-times file (`--times FILE`) for a 4-D volume whose own header gives none or the wrong ones
// (a NIfTI-1 file holds one frame interval, pixdim[4], so uneven timing needs a file): numbers of
// seconds, one a line or separated by commas or spaces, strictly increasing. Blank lines and text after
// '#' are ignored.
import { VolumeReadError } from '../types/volume-read-error.ts';

const separators = /[\s,;]+/;

/** The frame times (s) in a times file; errors name the file and the line. */
export function parseFrameTimes(text: string, file: string): number[] {
  const timesS: number[] = [];
  let previousLine = 0;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = (raw.split('#')[0] ?? '').trim();
    if (content === '') return;
    for (const token of content.split(separators)) {
      if (token === '') continue;
      // Number('') and Number('0x10') accept what is not a decimal number of seconds; this does not.
      const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token) ? Number(token) : Number.NaN;
      if (!Number.isFinite(value)) {
        throw new VolumeReadError(file, `line ${line}: "${token}" is not a number of seconds`);
      }
      const last = timesS[timesS.length - 1];
      if (last !== undefined && !(value > last)) {
        const where = previousLine === line ? 'the time before it' : `the time on line ${previousLine}`;
        throw new VolumeReadError(
          file,
          `line ${line}: ${token} s is not after ${last} s (${where}): frame times must increase`,
        );
      }
      timesS.push(value);
      previousLine = line;
    }
  });
  if (timesS.length === 0) throw new VolumeReadError(file, 'holds no frame times');
  return timesS;
}
