// The acquisition facts a QCT report needs, from the CT Image module (PS3.3 C.8.2.1) or, in enhanced
// CT, the shared CT X-Ray Details, CT Exposure and CT Reconstruction functional groups (C.8.15.3).
import type { DataSet } from 'dicom-parser';
import type { CtAcquisition } from './ct-acquisition.ts';
import { decimalValue, sequenceItem, textValue } from './dataset-values.ts';
import { tag } from './dicom-tags.ts';

const enhancedTag = {
  ctXRayDetailsSequence: 'x00189325',
  ctExposureSequence: 'x00189321',
  ctReconstructionSequence: 'x00189314',
  exposureInMas: 'x00189332',
  xRayTubeCurrentInMa: 'x00189330',
} as const;

function doubleValue(dataSet: DataSet | undefined, attributeTag: string): number | undefined {
  const element = dataSet?.elements[attributeTag];
  if (dataSet === undefined || element === undefined || element.length < 8) return undefined;
  const value = dataSet.double(attributeTag);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function isoDate(da: string | undefined): string | undefined {
  if (da === undefined) return undefined;
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da);
  return match === null ? undefined : `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`;
}

type MaybeFields<T> = { [K in keyof T]-?: T[K] | undefined };

function withoutAbsent(fields: MaybeFields<CtAcquisition>): CtAcquisition {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** The acquisition of the series the dataset belongs to; absent headers leave fields absent. */
export function readCtAcquisition(dataSet: DataSet): CtAcquisition {
  const shared = sequenceItem(dataSet, tag.sharedFunctionalGroupsSequence);
  const xRay = sequenceItem(shared, enhancedTag.ctXRayDetailsSequence);
  const exposure = sequenceItem(shared, enhancedTag.ctExposureSequence);
  const reconstruction = sequenceItem(shared, enhancedTag.ctReconstructionSequence);
  const measures = sequenceItem(shared, tag.pixelMeasuresSequence);
  return withoutAbsent({
    manufacturer: textValue(dataSet, tag.manufacturer),
    model: textValue(dataSet, tag.manufacturerModelName),
    kvp: decimalValue(dataSet, tag.kvp) ?? (xRay && decimalValue(xRay, tag.kvp)),
    tubeCurrentMa:
      decimalValue(dataSet, tag.xRayTubeCurrent) ?? doubleValue(exposure, enhancedTag.xRayTubeCurrentInMa),
    exposureMas: decimalValue(dataSet, tag.exposure) ?? doubleValue(exposure, enhancedTag.exposureInMas),
    convolutionKernel:
      textValue(dataSet, tag.convolutionKernel) ??
      (reconstruction && textValue(reconstruction, tag.convolutionKernel)),
    sliceThicknessMm:
      decimalValue(dataSet, tag.sliceThickness) ?? (measures && decimalValue(measures, tag.sliceThickness)),
    contrastAgent: textValue(dataSet, tag.contrastBolusAgent),
    studyDate: isoDate(textValue(dataSet, tag.studyDate)),
    seriesDescription: textValue(dataSet, tag.seriesDescription),
    patientId: textValue(dataSet, tag.patientId),
    ctdiVolMgy: doubleValue(dataSet, tag.ctdiVol) ?? doubleValue(exposure, tag.ctdiVol),
  });
}
