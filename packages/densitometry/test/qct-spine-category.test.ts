import { describe, expect, it } from 'vitest';
import { qctSpineCategory } from '../src/index.ts';

describe('spine QCT category (ACR QCT IV.C.2)', () => {
  it('is normal above 120 mg/cm³ and low bone density at 120 exactly', () => {
    expect(qctSpineCategory(120.1)).toBe('normal');
    expect(qctSpineCategory(120)).toBe('low_bone_density');
  });
  it('is low bone density at 80 exactly and osteoporosis below 80 mg/cm³', () => {
    expect(qctSpineCategory(80)).toBe('low_bone_density');
    expect(qctSpineCategory(79.9)).toBe('osteoporosis');
  });
});
