// Site labels accepted by the engine (issue contract): single vertebrae L1-L4, spine composites of two
// or more vertebrae ("L1-L4", "L2-L4", "L1-L2,L4"), total hip, femoral neck and the 33% radius.

export const VERTEBRAE = ['L1', 'L2', 'L3', 'L4'] as const;
export type Vertebra = (typeof VERTEBRAE)[number];

export const NON_SPINE_SITES = ['total_hip', 'femoral_neck', 'radius_33'] as const;
export type NonSpineSite = (typeof NON_SPINE_SITES)[number];

const VERTEBRA_PATTERN = /^L([1-4])$/;
const RANGE_PATTERN = /^L([1-4])-L([1-4])$/;

export function isVertebra(value: string): value is Vertebra {
  return (VERTEBRAE as readonly string[]).includes(value);
}

/** The vertebrae a spine label names, in anatomical order, or null when the label is not a spine label. */
export function vertebraeOf(label: string): Vertebra[] | null {
  const found = new Set<number>();
  for (const part of label.split(',')) {
    const single = VERTEBRA_PATTERN.exec(part);
    const range = RANGE_PATTERN.exec(part);
    if (single) {
      if (found.has(Number(single[1]))) return null; // "L2,L2" names no composite
      found.add(Number(single[1]));
    } else if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to <= from) return null;
      for (let n = from; n <= to; n++) {
        if (found.has(n)) return null;
        found.add(n);
      }
    } else {
      return null;
    }
  }
  return [...found].sort((a, b) => a - b).map((n) => `L${n}` as Vertebra);
}

/** The shortest label for a set of vertebrae: contiguous runs become ranges ("L1-L2,L4"). */
export function labelOfVertebrae(vertebrae: readonly Vertebra[]): string {
  const numbers = [...new Set(vertebrae.map((v) => Number(v.slice(1))))].sort((a, b) => a - b);
  const parts: string[] = [];
  let runStart = numbers[0];
  for (let i = 0; i < numbers.length; i++) {
    const current = numbers[i];
    const next = numbers[i + 1];
    if (current === undefined || runStart === undefined) continue;
    if (next !== current + 1) {
      parts.push(runStart === current ? `L${current}` : `L${runStart}-L${current}`);
      runStart = next;
    }
  }
  return parts.join(',');
}

/** A composite is two or more vertebrae (issue 2 contract; ISCD 2019: never a single vertebra). */
export const MINIMUM_VERTEBRAE_IN_COMPOSITE = 2;

export function isCompositeOf(vertebrae: readonly Vertebra[] | null): boolean {
  return vertebrae !== null && vertebrae.length >= MINIMUM_VERTEBRAE_IN_COMPOSITE;
}

export function isSpineComposite(label: string): boolean {
  return isCompositeOf(vertebraeOf(label));
}

export function isKnownSite(label: string): boolean {
  return (NON_SPINE_SITES as readonly string[]).includes(label) || vertebraeOf(label) !== null;
}
