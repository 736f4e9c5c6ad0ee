import { z } from 'zod';
import rulesJson from '../../data/qct-trabecular-roi.json' with { type: 'json' };

const fraction = z.number().gt(0).max(1);

export const trabecularRoiRulesSchema = z.strictObject({
  source: z.string(),
  /** Fraction of the body's height (z extent), about its middle, that the ROI spans. */
  centralFractionOfHeight: fraction,
  /** In-plane distance kept between the ROI and the outside of the body mask (the cortex), mm. */
  corticalMarginMm: z.number().min(0),
  /** ROI radii as a fraction of the half-widths left after the margin and the vein exclusion. */
  radiusFractionOfInner: fraction,
  /** Posterior part of the body's anteroposterior depth kept out of the ROI (basivertebral vein). */
  posteriorExclusionFractionOfDepth: z.number().min(0).lt(1),
  /** Smallest ROI radius, mm, below which the body is refused as too small. */
  minimumRadiusMm: z.number().positive(),
  /** Factor by which the radii shrink while the ellipse does not fit. */
  shrinkStep: z.number().gt(0).lt(1),
});

export type TrabecularRoiRules = z.infer<typeof trabecularRoiRulesSchema>;

/** The default placement rules, from `data/qct-trabecular-roi.json` (with its citations). */
export const defaultTrabecularRoiRules: TrabecularRoiRules = trabecularRoiRulesSchema.parse(rulesJson);
