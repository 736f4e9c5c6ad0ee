import { describe, expect, it } from 'vitest';
import { assessMuscle, cutPointsSchema, martin2013, prado2008, type MuscleInput } from '../src/index.ts';

const base: MuscleInput = {
  areaCm2: 120,
  meanHu: 38,
  heightCm: 170,
  weightKg: 65,
  sex: 'female',
  level: 'L3',
  contrast: false,
};

describe('muscle metrics (ACR QCT IV.H; Martin 2013)', () => {
  it('computes SMI and BMI and flags a woman below 41 cm²/m² and 41 HU at BMI < 25', () => {
    // SMI 120 / 1.7² = 41.52 → 41.5; BMI 65 / 2.89 = 22.49 → 22.5; 41.5 ≥ 41: no sarcopenia; 38 < 41 HU: myosteatosis
    const a = assessMuscle(base);
    expect(a.smiCm2M2).toBe(41.5);
    expect(a.bmiKgM2).toBe(22.5);
    expect(a.sarcopenia).toBe(false);
    expect(a.myosteatosis).toBe(true);
    expect(a.cutPointsUsed).toMatchObject({ id: 'martin2013', smiBelowCm2M2: 41, muscleHuBelow: 41 });
    expect(a.cutPointsUsed.source).toMatch(/J Clin Oncol 2013;31:1539/);
  });

  it('flags sarcopenia for a woman at 40.9 cm²/m²', () => {
    // 118.2 / 2.89 = 40.90 → 40.9 < 41
    const a = assessMuscle({ ...base, areaCm2: 118.2 });
    expect(a.smiCm2M2).toBe(40.9);
    expect(a.sarcopenia).toBe(true);
  });

  it('uses the BMI bands for men: < 43 below BMI 25, < 53 from BMI 25', () => {
    // height 180: 3.24 m². Area 150 → SMI 46.3. Weight 70 → BMI 21.6: 46.3 ≥ 43, no sarcopenia; 35 HU < 41: myosteatosis
    const lean = assessMuscle({
      ...base,
      sex: 'male',
      heightCm: 180,
      weightKg: 70,
      areaCm2: 150,
      meanHu: 35,
    });
    expect(lean.smiCm2M2).toBe(46.3);
    expect(lean.sarcopenia).toBe(false);
    expect(lean.myosteatosis).toBe(true);
    // Weight 90 → BMI 27.8: 46.3 < 53, sarcopenia; 35 HU ≥ 33: no myosteatosis
    const heavy = assessMuscle({
      ...base,
      sex: 'male',
      heightCm: 180,
      weightKg: 90,
      areaCm2: 150,
      meanHu: 35,
    });
    expect(heavy.bmiKgM2).toBe(27.8);
    expect(heavy.sarcopenia).toBe(true);
    expect(heavy.myosteatosis).toBe(false);
    expect(heavy.cutPointsUsed.smiBelowCm2M2).toBe(53);
    expect(heavy.cutPointsUsed.muscleHuBelow).toBe(33);
  });

  it('puts BMI exactly 25 in the upper band', () => {
    // 72.25 kg at 170 cm: 72.25 / 2.89 = 25.0
    const a = assessMuscle({ ...base, sex: 'male', weightKg: 72.25 });
    expect(a.cutPointsUsed.smiBelowCm2M2).toBe(53);
  });

  it('gives the intermuscular fat share of muscle plus fat', () => {
    // 10 / (120 + 10) = 7.69%
    const a = assessMuscle({ ...base, intermuscularFatCm2: 10 });
    expect(a.intermuscularFatCm2).toBe(10);
    expect(a.intermuscularFatPercent).toBeCloseTo(1000 / 130, 10);
    expect(assessMuscle(base).intermuscularFatPercent).toBeNull();
  });

  it('says where the ACR text differs and warns on contrast, level and consensus', () => {
    expect(martin2013.differsFromAcr).toMatch(/34/);
    const plain = assessMuscle(base);
    expect(plain.caveats.some((c) => c.startsWith('ACR QCT IV.H.5'))).toBe(true);
    expect(plain.caveats.some((c) => c.includes('< 34 for normal or underweight men'))).toBe(true);
    const enhanced = assessMuscle({ ...base, contrast: true, level: 'L4' });
    expect(enhanced.caveats.some((c) => c.startsWith('ACR QCT IV.H.6'))).toBe(true);
    expect(enhanced.caveats.some((c) => c.startsWith('measured at L4 but the cut points are for L3'))).toBe(
      true,
    );
    const { contrast: _, ...unknown } = base;
    expect(assessMuscle(unknown).caveats.some((c) => c.includes('contrast phase not stated'))).toBe(true);
  });

  it('takes other cut points: Prado 2008 has no attenuation cut point', () => {
    // woman SMI 41.5 ≥ 38.5: no sarcopenia; no HU band: myosteatosis not assessed
    const a = assessMuscle(base, prado2008);
    expect(a.sarcopenia).toBe(false);
    expect(a.myosteatosis).toBe(false);
    expect(a.cutPointsUsed.muscleHuBelow).toBeNull();
    expect(a.caveats.some((c) => c.includes('myosteatosis not assessed'))).toBe(true);
  });

  it('validates user cut points and refuses ones that do not cover the patient', () => {
    const own = cutPointsSchema.parse({
      id: 'own',
      source: 'local audit 2026',
      level: 'L3',
      population: 'local',
      smi: [{ sex: 'female', belowCm2M2: 45 }],
      muscleHu: [],
    });
    expect(assessMuscle(base, own).sarcopenia).toBe(true); // 41.5 < 45
    expect(() => assessMuscle({ ...base, sex: 'male' }, own)).toThrow(/no SMI cut point for a male patient/);
    expect(
      cutPointsSchema.safeParse({ ...own, smi: [{ belowCm2M2: 40 }, { sex: 'female', belowCm2M2: 41 }] })
        .success,
    ).toBe(false);
    expect(cutPointsSchema.safeParse({ ...own, source: '' }).success).toBe(false);
  });

  it('refuses bad input naming the field', () => {
    expect(() => assessMuscle({ ...base, heightCm: 1.7 })).toThrow(/heightCm/);
    expect(() => assessMuscle({ ...base, areaCm2: 0 })).toThrow(/areaCm2/);
    expect(() => assessMuscle({ ...base, meanHu: -60 })).toThrow(
      /meanHu must lie in the muscle range -29 to 150/,
    );
    expect(() => assessMuscle({ ...base, weightKg: Number.NaN })).toThrow(/weightKg/);
    expect(() => assessMuscle({ ...base, intermuscularFatCm2: -1 })).toThrow(/intermuscularFatCm2/);
  });
});
