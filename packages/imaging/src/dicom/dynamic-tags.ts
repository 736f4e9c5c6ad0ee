// Tags of the timing attributes a dynamic CT series carries, in dicom-parser's 'xggggeeee' form (PS3.6).
export const dynamicTag = {
  acquisitionDate: 'x00080022',
  contentDate: 'x00080023',
  acquisitionDateTime: 'x0008002a',
  acquisitionTime: 'x00080032',
  contentTime: 'x00080033',
  temporalPositionIdentifier: 'x00200100',
  /** Enhanced CT, per frame (PS3.3 C.7.6.16.2.2): Frame Content Sequence and its timing attributes. */
  frameContentSequence: 'x00209111',
  frameAcquisitionDateTime: 'x00189074',
  frameReferenceDateTime: 'x00189151',
  temporalPositionIndex: 'x00209128',
} as const;
