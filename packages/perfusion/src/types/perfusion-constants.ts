import constantsJson from '../../data/perfusion-constants.json' with { type: 'json' };

/** The constants that turn a deconvolved residue into CBF and CBV (data/perfusion-constants.json). */
export interface PerfusionConstants {
  /** kH = (1 − Hct large vessels) / (1 − Hct small vessels). */
  readonly haematocritFactor: number;
  /** ρ, brain tissue density in g/mL. */
  readonly tissueDensityGPerMl: number;
}

export const defaultPerfusionConstants: PerfusionConstants & { readonly source: string } = constantsJson;
