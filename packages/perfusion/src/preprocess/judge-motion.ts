import type { Volume } from '@quantrad/imaging';
import type { MotionEstimate } from './estimate-motion.ts';
import { estimateThroughPlaneMotion, type ThroughPlaneEstimate } from './estimate-through-plane-motion.ts';
import { motionReport, type MotionFrameReport } from './motion-report.ts';
import { preprocessDefaults, type MotionLimits } from './preprocess-defaults.ts';
import { displacementMm, IDENTITY_TRANSFORM, type RigidTransform } from './rigid-transform.ts';

export interface JudgedMotion {
  /**
   * Per frame, the in-plane transform the frame is judged on and, when corrected, resampled with: the
   * through-plane estimate's refined transforms when the shift along z is determinable, else `estimateMotion`'s.
   */
  readonly transforms: readonly RigidTransform[];
  /**
   * Per frame, what is done with it and why (`motionReport` on the displacements of `transforms`), with the
   * transform in `inPlaneTransform`.
   */
  readonly frames: readonly MotionFrameReport[];
  readonly throughPlane: ThroughPlaneEstimate;
}

/**
 * runPerfusion's motion decision (ACR CTP IV.C.3): the shift along z (`estimateThroughPlaneMotion`, started
 * from `estimate`'s in-plane transforms), then each frame judged on √(in-plane² + through-plane²).
 *
 * When the shift is determinable, the in-plane part is that of the transforms refined together with z
 * (`ThroughPlaneEstimate.transforms`), and those correct the kept frames: `estimateMotion`, registering
 * without z, turns part of a pure z shift into an in-plane rotation, which combined with z counted the same
 * movement twice. On the synthetic head of test/preprocess-judge-motion.test.ts (1-, 2.5- and 5-mm slices)
 * a pure 3 mm z shift read a −1.7° rotation, 1.54 mm in-plane and 3.37 mm combined; 4.5 mm read −2.6°,
 * 2.38 mm, 5.09 mm and the frame was excluded under the 5 mm limit; and kept frames were resampled with the
 * false rotation (about 2 mm at the brain's edge). Judged on the refined transforms, pure shifts of ±3 and
 * ±4.5 mm read 2.97-3.05 and 4.50-4.53 mm combined, with rotations within 0.10° (0 and 20 HU noise). Over 15
 * known motions × 6 cases of that head (issue 8 review) the refined rotations erred by 0.063° on average
 * against estimateMotion's 0.340° (worst 0.30° against 0.97°); they were worse in 2 of the 15 motions, by at
 * most 0.15 mm at the 50 mm sphere. When the shift is not determinable, `estimate`'s transforms and the
 * in-plane displacement alone.
 */
export function judgeMotion(
  ct: Volume,
  estimate: MotionEstimate,
  limits: MotionLimits = preprocessDefaults.motion,
): JudgedMotion {
  const z = estimateThroughPlaneMotion(ct, {
    referenceFrame: estimate.referenceFrame,
    transforms: estimate.transforms,
    limits,
  });
  const withTransforms = (
    transforms: readonly RigidTransform[],
    frames: readonly MotionFrameReport[],
  ): JudgedMotion => ({
    transforms,
    frames: frames.map((f) => ({ ...f, inPlaneTransform: transforms[f.frame] ?? IDENTITY_TRANSFORM })),
    throughPlane: z,
  });
  if (!z.determinable) {
    return withTransforms(estimate.transforms, motionReport(estimate.displacementsMm, limits));
  }
  const inPlaneMm = Float64Array.from(z.transforms, (t) => displacementMm(t, limits.sphereRadiusMm));
  return withTransforms(z.transforms, motionReport(inPlaneMm, limits, z.throughPlaneMm, z.beyondSearchRange));
}
