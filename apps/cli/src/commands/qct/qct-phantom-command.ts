import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNiftiFile } from '@quantrad/imaging';
import type { CliIo } from '../../io/cli-io.ts';
import { formatJson } from '../../io/format-json.ts';
import {
  HU,
  muscleSlab,
  ROD_DENSITIES_MG_CM3,
  spinePhantom,
  spineRegions,
  tissueEllipses,
  TRUE_INTERCEPT_HU,
  TRUE_SLOPE_HU_PER_MG_CM3,
  VERTEBRA_BMD_MG_CM3,
  VERTEBRA_LABELS,
} from './digital-qct-phantom.ts';

/** The files `quantrad qct phantom` writes, by name. */
export const PHANTOM_FILES = {
  spineCt: 'spine-ct.nii.gz',
  spineLabels: 'spine-labels.nii.gz',
  spineRegions: 'spine-regions.json',
  spineBodyRegions: 'spine-body-regions.json',
  l3Ct: 'l3-ct.nii.gz',
  l3Muscle: 'l3-muscle.nii.gz',
  l3Compartment: 'l3-compartment.nii.gz',
  truth: 'truth.json',
} as const;

/**
 * `quantrad qct phantom --out DIR`: the digital QCT phantom (a spine CT with calibration rods, an L3 slab
 * with muscle) with its regions files and the truth every result can be checked against.
 */
export async function qctPhantom(options: { out: string }, io: CliIo): Promise<void> {
  await mkdir(options.out, { recursive: true });
  const spine = spinePhantom();
  const slab = muscleSlab();
  const path = (name: string): string => join(options.out, name);
  await writeNiftiFile(path(PHANTOM_FILES.spineCt), spine.ct, {
    description: 'quantrad digital QCT phantom: spine',
  });
  await writeNiftiFile(path(PHANTOM_FILES.spineLabels), spine.labels, {
    description: 'vertebral bodies 1-3, rods 21-23',
  });
  await writeFile(path(PHANTOM_FILES.spineRegions), formatJson(spineRegions()));
  await writeFile(
    path(PHANTOM_FILES.spineBodyRegions),
    formatJson({
      mask: PHANTOM_FILES.spineLabels,
      labels: {
        ...Object.fromEntries(
          Object.entries(VERTEBRA_LABELS).map(([name, label]) => [
            String(label),
            { name, kind: 'vertebra', labelMarks: 'body' },
          ]),
        ),
        ...Object.fromEntries(
          ROD_DENSITIES_MG_CM3.map((density, rod) => [
            String(21 + rod),
            { name: `rod${rod + 1}`, kind: 'rod', densityMgCm3: density },
          ]),
        ),
      },
      ellipses: tissueEllipses(),
    }),
  );
  await writeNiftiFile(path(PHANTOM_FILES.l3Ct), slab.ct, {
    description: 'quantrad digital QCT phantom: L3 slab',
  });
  await writeNiftiFile(path(PHANTOM_FILES.l3Muscle), slab.muscle, { description: 'skeletal muscle at L3' });
  await writeNiftiFile(path(PHANTOM_FILES.l3Compartment), slab.compartment, {
    description: 'muscle compartment at L3',
  });
  const truth = {
    calibration: {
      material: 'K2HPO4',
      slopeHuPerMgCm3: TRUE_SLOPE_HU_PER_MG_CM3,
      interceptHu: TRUE_INTERCEPT_HU,
      rodsMgCm3: ROD_DENSITIES_MG_CM3,
    },
    tissuesHu: HU,
    vertebraeBmdMgCm3: VERTEBRA_BMD_MG_CM3,
    meanL1L2BmdMgCm3: (VERTEBRA_BMD_MG_CM3.L1 + VERTEBRA_BMD_MG_CM3.L2) / 2,
    acrCategory: 'low_bone_density',
    l3: {
      muscleAreaCm2: 110.25,
      meanMuscleHu: 45,
      intermuscularFatCm2: 15.75,
      note: '4900 muscle pixels of 1.5 × 1.5 mm alternating 30 and 60 HU; 700 fat pixels at −100 HU in the compartment',
    },
  };
  await writeFile(path(PHANTOM_FILES.truth), formatJson(truth));
  io.out(formatJson({ written: Object.values(PHANTOM_FILES).map(path), truth }));
}
