import type { NaturalDataset } from 'dcmjs';
import type { Volume } from '../types/volume.ts';
import type { CtAcquisition } from './ct-acquisition.ts';
import { decimalString } from './decimal-string.ts';

/** The geometry, rescale and acquisition attributes every CT image of a volume shares, as DICOM strings. */
export interface CtImageAttributes {
  readonly orientation: string[];
  /** Row spacing then column spacing (DICOM order: y then x). */
  readonly pixelSpacing: string[];
  readonly sliceThickness: string;
  readonly rescale: { RescaleIntercept: string; RescaleSlope: string; RescaleType: 'HU' };
  readonly kvp: string | undefined;
  readonly kernel: string | undefined;
}

export function ctImageAttributes(
  volume: Volume,
  acquisition: Partial<CtAcquisition>,
  slope: number,
  intercept: number,
): CtImageAttributes {
  return {
    orientation: volume.direction.slice(0, 6).map(decimalString),
    pixelSpacing: [decimalString(volume.spacingMm[1]), decimalString(volume.spacingMm[0])],
    sliceThickness: decimalString(acquisition.sliceThicknessMm ?? volume.spacingMm[2]),
    rescale: {
      RescaleIntercept: decimalString(intercept),
      RescaleSlope: decimalString(slope),
      RescaleType: 'HU',
    },
    kvp: acquisition.kvp === undefined ? undefined : decimalString(acquisition.kvp),
    kernel: acquisition.convolutionKernel,
  };
}

const defined = (entries: Record<string, unknown>): NaturalDataset =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));

/** The shared functional groups of an Enhanced CT image: pixel measures, orientation, rescale, kVp, kernel, exposure. */
export function enhancedCtSharedGroups(
  attributes: CtImageAttributes,
  acquisition: Partial<CtAcquisition>,
): NaturalDataset {
  const exposure = defined({
    ExposureInmAs: acquisition.exposureMas,
    XRayTubeCurrentInmA: acquisition.tubeCurrentMa,
    CTDIvol: acquisition.ctdiVolMgy,
  });
  return defined({
    PixelMeasuresSequence: [
      { PixelSpacing: attributes.pixelSpacing, SliceThickness: attributes.sliceThickness },
    ],
    PlaneOrientationSequence: [{ ImageOrientationPatient: attributes.orientation }],
    PixelValueTransformationSequence: [attributes.rescale],
    CTXRayDetailsSequence: attributes.kvp === undefined ? undefined : [{ KVP: attributes.kvp }],
    CTReconstructionSequence:
      attributes.kernel === undefined ? undefined : [{ ConvolutionKernel: attributes.kernel }],
    CTExposureSequence: Object.keys(exposure).length === 0 ? undefined : [exposure],
  });
}
