import { describe, expect, it } from 'vitest';
import { decisionSupport, type DecisionSupport, type DecisionVolumes } from '../src/index.ts';

// A profile that meets both trials: core 20 mL, hypoperfusion 60 mL, mismatch 40 mL, ratio 3.
const BOTH_MET: DecisionVolumes = { coreMl: 20, hypoperfusionMl: 60, mismatchMl: 40, mismatchRatio: 3 };

function trial(results: DecisionSupport[], name: string): DecisionSupport {
  const found = results.find((r) => r.trial === name);
  if (!found) throw new Error(`no ${name} in the decision support results`);
  return found;
}
const met = (volumes: Partial<DecisionVolumes>, name: string): boolean =>
  trial(decisionSupport({ ...BOTH_MET, ...volumes }), name).met;

describe('decisionSupport', () => {
  it('judges DEFUSE 3 and EXTEND-IA and lists every criterion with its value and limit', () => {
    const results = decisionSupport(BOTH_MET);
    expect(results.map((r) => r.trial)).toEqual(['DEFUSE 3', 'EXTEND-IA']);
    const defuse = trial(results, 'DEFUSE 3');
    expect(defuse.met).toBe(true);
    expect(defuse.criteria.map((c) => [c.name, c.operator, c.value, c.limit, c.met])).toEqual([
      ['coreMl', '<', 20, 70, true],
      ['mismatchMl', '>=', 40, 15, true],
      ['mismatchRatio', '>=', 3, 1.8, true],
    ]);
    expect(defuse.source).toMatch(/Albers GW .* N Engl J Med 2018/);
    expect(trial(results, 'EXTEND-IA').source).toMatch(/Campbell BCV .* N Engl J Med 2015/);
  });

  it('applies DEFUSE 3 at its exact boundaries: core < 70, mismatch ≥ 15, ratio ≥ 1.8', () => {
    expect(met({ coreMl: 70 }, 'DEFUSE 3')).toBe(false);
    expect(met({ coreMl: 69.99 }, 'DEFUSE 3')).toBe(true);
    expect(met({ mismatchMl: 15 }, 'DEFUSE 3')).toBe(true);
    expect(met({ mismatchMl: 14.99 }, 'DEFUSE 3')).toBe(false);
    expect(met({ mismatchRatio: 1.8 }, 'DEFUSE 3')).toBe(true);
    expect(met({ mismatchRatio: 1.79 }, 'DEFUSE 3')).toBe(false);
  });

  it('applies EXTEND-IA at its exact boundaries: core < 70, mismatch > 10, ratio > 1.2', () => {
    expect(met({ coreMl: 70 }, 'EXTEND-IA')).toBe(false);
    expect(met({ coreMl: 69.99 }, 'EXTEND-IA')).toBe(true);
    expect(met({ mismatchMl: 10 }, 'EXTEND-IA')).toBe(false);
    expect(met({ mismatchMl: 10.01 }, 'EXTEND-IA')).toBe(true);
    expect(met({ mismatchRatio: 1.2 }, 'EXTEND-IA')).toBe(false);
    expect(met({ mismatchRatio: 1.21 }, 'EXTEND-IA')).toBe(true);
  });

  it('separates the trials: mismatch 12 mL at ratio 1.5 meets EXTEND-IA but not DEFUSE 3', () => {
    // Core 24 mL, hypoperfusion 36 mL: mismatch 12 (> 10, < 15), ratio 1.5 (> 1.2, < 1.8).
    const results = decisionSupport({ coreMl: 24, hypoperfusionMl: 36, mismatchMl: 12, mismatchRatio: 1.5 });
    expect(trial(results, 'EXTEND-IA').met).toBe(true);
    const defuse = trial(results, 'DEFUSE 3');
    expect(defuse.met).toBe(false);
    expect(defuse.criteria.filter((c) => !c.met).map((c) => c.name)).toEqual(['mismatchMl', 'mismatchRatio']);
    expect(defuse.wording).toMatch(
      /^The imaging criteria of DEFUSE 3 are not met \(mismatch volume 12\.0 mL not ≥ 15 mL; mismatch ratio 1\.50 not ≥ 1\.8\)/,
    );
  });

  it('meets a ratio criterion with an infinite ratio (hypoperfusion, no core)', () => {
    const results = decisionSupport({
      coreMl: 0,
      hypoperfusionMl: 30,
      mismatchMl: 30,
      mismatchRatio: Infinity,
    });
    expect(results.every((r) => r.met)).toBe(true);
    expect(trial(results, 'DEFUSE 3').wording).toMatch(/mismatch ratio ∞ \(no core\) ≥ 1\.8/);
  });

  it('words the result as decision support, never as a treatment instruction', () => {
    for (const volumes of [BOTH_MET, { ...BOTH_MET, coreMl: 90 }]) {
      for (const result of decisionSupport(volumes)) {
        expect(result.wording).toMatch(/^The imaging criteria of (DEFUSE 3|EXTEND-IA) are (not )?met/);
        expect(result.wording).toMatch(/Decision support only/);
        expect(result.wording).not.toMatch(/\b(should|recommend\w*|indicated|eligible|must)\b/i);
      }
    }
  });

  it('refuses a value that is not a number, naming the field', () => {
    expect(() => decisionSupport({ ...BOTH_MET, coreMl: NaN })).toThrow(/coreMl/);
    expect(() => decisionSupport({ ...BOTH_MET, mismatchMl: Infinity })).toThrow(/mismatchMl/);
  });
});
