/** A file that cannot be read as a volume: names the file and what is wrong with it. */
export class VolumeReadError extends Error {
  readonly file: string;
  readonly problem: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'VolumeReadError';
    this.file = file;
    this.problem = problem;
  }
}
