import type { CrossCalibration, ExamInput, LscEntry, PriorExam } from '../schema/exam-input.ts';
import type { AssessedSite } from '../types/assessed-site.ts';
import type { SerialChange } from '../types/serial-change.ts';
import { isCompositeOf, labelOfVertebrae, vertebraeOf } from '../schema/site-label.ts';
import { spineBmdFor } from '../spine/spine-bmd.ts';
import { yearsBetween } from './age.ts';
import { describeSite } from './classify-bmd.ts';
import { roundTo } from './round-score.ts';

export interface SerialChangeResult {
  changes: SerialChange[];
  warnings: string[];
}

function isSpine(site: string): boolean {
  return vertebraeOf(site) !== null;
}

/** The LSC for this scanner and site; "spine" stands for any lumbar composite. */
export function lscFor(
  entries: readonly LscEntry[],
  scannerId: string | undefined,
  site: AssessedSite,
): number | null {
  if (scannerId === undefined) return null;
  const matches = entries.filter(
    (e) =>
      e.scannerId === scannerId &&
      (e.site === site.site || (e.site === 'spine' && isSpine(site.site))) &&
      (e.side === undefined || e.side === site.side),
  );
  const exact =
    matches.find((e) => e.site === site.site && e.side === (site.side ?? undefined)) ??
    matches.find((e) => e.site === site.site);
  return (exact ?? matches[0])?.lscGcm2 ?? null;
}

function crossCalibrationFor(
  calibrations: readonly CrossCalibration[],
  fromScannerId: string,
  toScannerId: string,
  site: string,
): CrossCalibration | undefined {
  const between = calibrations.filter(
    (c) => c.fromScannerId === fromScannerId && c.toScannerId === toScannerId,
  );
  return (
    between.find((c) => c.site === site) ??
    between.find((c) => c.site === 'spine' && isSpine(site)) ??
    between.find((c) => c.site === undefined)
  );
}

interface PriorValue {
  bmdGcm2: number;
  approximate: boolean;
  note: string | null;
}

type PriorLookup = PriorValue | { missing: string | null };

/**
 * The prior BMD over the same region: same site and side, not marked not interpretable; for the spine,
 * exactly the same vertebrae (ISCD 2019).
 */
function priorValueFor(prior: PriorExam, site: AssessedSite): PriorLookup {
  if (site.vertebraeUsed !== null) {
    const priorExcluded = (prior.excludedVertebrae ?? [])
      .map((e) => e.vertebra)
      .filter((v) => site.vertebraeUsed?.includes(v));
    if (priorExcluded.length > 0) {
      return {
        missing: `${priorExcluded.join(', ')} excluded on ${prior.date}, so ${site.site} cannot be compared over the same vertebrae`,
      };
    }
    const spine = spineBmdFor(prior.sites, site.vertebraeUsed);
    if (spine === null) {
      return {
        missing: `no ${labelOfVertebrae(site.vertebraeUsed)} value on ${prior.date}: only the same vertebrae are compared`,
      };
    }
    return {
      bmdGcm2: spine.bmdGcm2,
      approximate: spine.method === 'mean_of_vertebral_bmd',
      note: spine.method === 'scanner' ? null : `prior ${site.site} recomputed from its vertebrae`,
    };
  }
  const sameSite = prior.sites.filter((s) => s.site === site.site);
  const match = sameSite.find((s) => (s.side ?? null) === site.side);
  if (match === undefined) {
    return sameSite.length > 0
      ? {
          missing: `${site.site} on ${prior.date} is recorded for another side (or none): not compared with ${describeSite(site)}`,
        }
      : { missing: null };
  }
  if (match.notInterpretableReason !== undefined) {
    return {
      missing: `${describeSite(site)} on ${prior.date} was not interpretable (${match.notInterpretableReason}): not compared`,
    };
  }
  return { bmdGcm2: match.bmdGcm2, approximate: false, note: null };
}

/**
 * Change at each usable site against each prior exam (ISCD 2019; ROS 4.6): in g/cm², %, %/year;
 * significant when the reported |change| ≥ LSC of this scanner and site. A prior from another scanner is
 * compared only through a cross-calibration; otherwise it is marked not comparable. A spine composite
 * approximated as a mean of vertebral BMDs is compared only with one formed the same way.
 */
export function serialChanges(input: ExamInput, sites: readonly AssessedSite[]): SerialChangeResult {
  const changes: SerialChange[] = [];
  const warnings: string[] = [];
  const currentScannerId = input.exam.scanner?.id;
  const priors = [...(input.priors ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  for (const prior of priors) {
    const sameScanner = currentScannerId !== undefined && prior.scannerId === currentScannerId;
    if (!sameScanner) {
      warnings.push(
        prior.scannerId === undefined || currentScannerId === undefined
          ? `the scanner of the ${prior.date} exam or of this exam is not recorded: changes since ${prior.date} are not comparable`
          : `scanner changed since ${prior.date} (${prior.scannerId} → ${currentScannerId}): changes are comparable only where a cross-calibration is recorded (ROS 4.6)`,
      );
    }
    for (const site of sites) {
      if (!site.usable || (site.vertebraeUsed !== null && !isCompositeOf(site.vertebraeUsed))) continue;
      const found = priorValueFor(prior, site);
      if ('missing' in found) {
        if (found.missing !== null) warnings.push(found.missing);
        continue;
      }
      let priorBmd = found.bmdGcm2;
      let comparable = sameScanner;
      let note = found.note;
      let lscGcm2: number | null = null;
      if (!sameScanner && prior.scannerId !== undefined && currentScannerId !== undefined) {
        const calibration = crossCalibrationFor(
          input.crossCalibrations ?? [],
          prior.scannerId,
          currentScannerId,
          site.site,
        );
        if (calibration) {
          priorBmd = calibration.slope * priorBmd + calibration.interceptGcm2;
          comparable = true;
          // ISCD 2019: after a scanner change the LSC should include the cross-calibration error.
          lscGcm2 = calibration.lscGcm2 ?? null;
          note = `prior converted to ${currentScannerId} by cross-calibration${calibration.source ? ` (${calibration.source})` : ''}${calibration.lscGcm2 === undefined ? `; LSC of ${currentScannerId} alone, without the cross-calibration error` : '; LSC of the cross-calibration'}`;
        } else {
          note = `measured on ${prior.scannerId}, not cross-calibrated with ${currentScannerId}: not comparable (ROS 4.6)`;
        }
      }
      const currentApproximate = site.compositeMethod === 'mean_of_vertebral_bmd';
      if (comparable && currentApproximate !== found.approximate) {
        comparable = false;
        note = `${site.site} formed differently now and on ${prior.date} (mean of vertebral BMDs against total BMC / total area): not comparable`;
      }
      if (comparable && lscGcm2 === null) lscGcm2 = lscFor(input.lsc ?? [], currentScannerId, site);
      if (!comparable) lscGcm2 = null;
      const changeGcm2 = roundTo(site.bmdGcm2 - priorBmd, 3);
      const changePercent = ((site.bmdGcm2 - priorBmd) / priorBmd) * 100;
      const years = yearsBetween(prior.date, input.exam.date);
      // ISCD: a change equal to or greater than the LSC is significant, judged on the change as reported.
      const significant = comparable && lscGcm2 !== null ? Math.abs(changeGcm2) >= lscGcm2 : null;
      if (comparable && lscGcm2 === null) {
        warnings.push(
          `no LSC recorded for ${site.site}${site.side ? ` ${site.side}` : ''} on ${currentScannerId ?? 'this scanner'}: significance of change not assessed`,
        );
      }
      changes.push({
        site: site.site,
        side: site.side,
        sinceDate: prior.date,
        priorBmdGcm2: roundTo(priorBmd, 3),
        currentBmdGcm2: site.bmdGcm2,
        changeGcm2,
        changePercent: roundTo(changePercent, 1),
        changePercentPerYear: roundTo(changePercent / years, 1),
        lscGcm2,
        comparable,
        significant,
        direction:
          significant === null
            ? 'unknown'
            : significant
              ? changeGcm2 < 0
                ? 'loss'
                : 'gain'
              : 'no_significant_change',
        note,
      });
    }
  }
  return { changes, warnings: [...new Set(warnings)] };
}
