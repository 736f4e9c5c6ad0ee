/** Where a score came from: the scanner's printout, or computed from a named reference ("reference:<id>"). */
export type ScoreSource = 'scanner' | `reference:${string}`;
