// The small part of dcmjs 0.51 that quantrad uses (dcmjs ships no types): writing a Part 10 file from
// a dataset of DICOM keyword → value, which dcmjs calls a "naturalized" dataset.
declare module 'dcmjs' {
  /** A dataset keyed by DICOM keyword; sequences are arrays of datasets, binary values ArrayBuffers. */
  export interface NaturalDataset {
    [keyword: string]: unknown;
    /** Value representation per keyword where the dictionary allows several (PixelData: 'OW' or 'OB'). */
    _vrMap?: Record<string, string>;
  }

  /** A dataset keyed by 8-digit hexadecimal tag, as dcmjs writes it. */
  export type DenaturalizedDataset = Record<string, { vr: string; Value: unknown[] }>;

  export interface DicomDictInstance {
    dict: DenaturalizedDataset;
    /** The Part 10 file: preamble, DICM, file meta group, then the dataset in the meta's transfer syntax. */
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  export interface DcmjsData {
    DicomDict: new (meta: DenaturalizedDataset) => DicomDictInstance;
    DicomMetaDictionary: {
      denaturalizeDataset(dataset: NaturalDataset): DenaturalizedDataset;
      /** A new random UID under the 2.25 root. */
      uid(): string;
    };
  }

  export const data: DcmjsData;
  const dcmjs: { data: DcmjsData };
  export default dcmjs;
}
