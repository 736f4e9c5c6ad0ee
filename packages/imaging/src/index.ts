// @quantrad/imaging — CT volumes in and out. The one public entry point of the package.
export type { Volume, VoxelArray, Triple } from './types/volume.ts';
export { VolumeReadError } from './types/volume-read-error.ts';

// Volumes: construction, geometry, grids (helper imaging-core)
export { createVolume, type VolumeInput } from './volume/create-volume.ts';
export { releaseBuffer } from './volume/release-buffer.ts';
export { voxelToWorldMm, worldToVoxel } from './volume/geometry.ts';
export { sameGrid, gridMismatch, assertSameGrid } from './volume/same-grid.ts';

// NIfTI-1
export { readNifti } from './nifti/read-nifti.ts';
export { writeNifti, type WriteNiftiOptions } from './nifti/write-nifti.ts';
export { readNiftiFile, writeNiftiFile } from './nifti/nifti-file.ts';

// PNG slices
export {
  slicePng,
  windowGrey,
  type SliceAxis,
  type SliceOverlay,
  type SlicePngOptions,
} from './png/slice-png.ts';

// Regions of interest
export { labelsIn, voxelsWithLabel } from './roi/labels.ts';
export { ellipseVoxels, type EllipseRoi } from './roi/ellipse-voxels.ts';
export { regionStatistics, type RegionStatistics } from './roi/region-statistics.ts';
export { huRangeVoxels, areaCm2 } from './roi/hu-range.ts';
export {
  placeTrabecularRoi,
  type TrabecularRoi,
  type TrabecularRoiOptions,
} from './roi/place-trabecular-roi.ts';
export {
  defaultTrabecularRoiRules,
  trabecularRoiRulesSchema,
  type TrabecularRoiRules,
} from './roi/trabecular-roi-rules.ts';
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

// Dynamic (time-resolved) CT series in and out, and frame times from a file.
export type { DynamicCtProtocol } from './dicom/dynamic-ct-protocol.ts';
export {
  readDynamicCtSeries,
  type ReadDynamicCtSeriesOptions,
  type DynamicCtSeriesRead,
} from './dicom/read-dynamic-ct-series.ts';
export { writeDynamicCtSeries, type WriteDynamicCtSeriesOptions } from './dicom/write-dynamic-ct-series.ts';
export { dicomTimeOfDayS, dicomDateTimeS, unwrapTimesOfDayS } from './dicom/dicom-time.ts';
export { parseFrameTimes } from './frame-times/parse-frame-times.ts';
export { withFrameTimes } from './frame-times/with-frame-times.ts';
