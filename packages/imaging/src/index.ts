// @quantrad/imaging — CT volumes in and out. The one public entry point of the package.
export type { Volume, VoxelArray, Triple } from './types/volume.ts';
export { VolumeReadError } from './types/volume-read-error.ts';
// DICOM series in and out.
export type { CtAcquisition } from './dicom/ct-acquisition.ts';
export type { SeriesGeometryReport } from './dicom/series-geometry-report.ts';
export type { DicomSeriesSummary, DicomFolderScan } from './dicom/dicom-series-summary.ts';
export { listDicomSeries, scanDicomFolder } from './dicom/list-dicom-series.ts';
export {
  readDicomSeries,
  type ReadDicomSeriesOptions,
  type DicomSeriesRead,
} from './dicom/read-dicom-series.ts';
export {
  writeDicomSeries,
  type WriteDicomSeriesOptions,
  type DicomSeriesWritten,
  type DicomPatient,
  type DicomWriteTransferSyntax,
} from './dicom/write-dicom-series.ts';
