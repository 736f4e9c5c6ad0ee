/** One series found in a folder of DICOM files. */
export interface DicomSeriesSummary {
  readonly seriesUid: string;
  readonly seriesDescription?: string;
  readonly modality?: string;
  readonly seriesNumber?: number;
  readonly fileCount: number;
  /** Images in the series: one per single-frame file, NumberOfFrames per multi-frame file. */
  readonly frameCount: number;
  /** Rows × columns of the first file (a series with mixed sizes is refused when read). */
  readonly rows: number;
  readonly columns: number;
  /** The files of the series, relative to the folder, in the order found. */
  readonly files: readonly string[];
}

/** What a folder holds: its DICOM image series, and the files that were not DICOM images. */
export interface DicomFolderScan {
  readonly series: readonly DicomSeriesSummary[];
  /** Files skipped, relative to the folder, each with why (not DICOM, no pixel data, no series UID). */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}
