import rangesJson from '../../data/ct-tissue-hu-ranges.json' with { type: 'json' };

export interface HuRange {
  readonly min: number;
  readonly max: number;
}

/** CT attenuation ranges of tissues at L3 (data/ct-tissue-hu-ranges.json: Mitsiopoulos 1998; ACR QCT IV.H.3). */
export const ctTissueHuRanges: {
  readonly source: string;
  readonly skeletalMuscleHu: HuRange;
  readonly adiposeTissueHu: HuRange;
} = rangesJson;
