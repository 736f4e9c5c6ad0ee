/**
 * Which Tmax the hypoperfusion volumes are counted on (data/lesion-thresholds.json hypoperfusion.tmaxDefinition):
 * - 'fitted-delay' (quantrad default): the arrival delay fitted by the model refinement after the
 *   deconvolution, where the residue has its maximum (tmax.nii.gz);
 * - 'residue-peak': the time of the maximum of the deconvolved (oSVD) residue before the fit, the kind of
 *   reading the Tmax > 6 s threshold was set with (RAPID; Straka M et al. J Magn Reson Imaging
 *   2010;32:1024-1037), later than the true delay by the regularisation's smearing (tmax-residue-peak.nii.gz).
 * With the model fit off, both are the residue's reading.
 */
export const TMAX_DEFINITIONS = ['fitted-delay', 'residue-peak'] as const;
export type TmaxDefinition = (typeof TMAX_DEFINITIONS)[number];

/** The value as a TmaxDefinition; a RangeError naming `field` and the choices otherwise. */
export function parseTmaxDefinition(value: unknown, field = 'tmaxDefinition'): TmaxDefinition {
  const found = TMAX_DEFINITIONS.find((d) => d === value);
  if (found === undefined) {
    throw new RangeError(
      `${field} must be ${TMAX_DEFINITIONS.map((d) => `'${d}'`).join(' or ')}, got ${JSON.stringify(value)}`,
    );
  }
  return found;
}
