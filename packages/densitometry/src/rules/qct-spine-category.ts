import type { BmdCategory } from '../types/bmd-classification.ts';
import { acrQctSpineCategories } from '../reference/reference-data.ts';

/**
 * The category of a spine QCT trabecular BMD in mg/cm³ (ACR QCT IV.C.2): never from a spine QCT
 * T-score, which overestimates fracture risk when read with the WHO DXA cut points.
 */
export function qctSpineCategory(
  vbmdMgCm3: number,
): Extract<BmdCategory, 'normal' | 'low_bone_density' | 'osteoporosis'> {
  if (vbmdMgCm3 > acrQctSpineCategories.normalAboveMgCm3) return 'normal';
  if (vbmdMgCm3 < acrQctSpineCategories.osteoporosisBelowMgCm3) return 'osteoporosis';
  return 'low_bone_density';
}
