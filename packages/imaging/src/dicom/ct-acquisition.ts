/** How a CT series was acquired, from its DICOM headers; a field is absent when the header is. */
export interface CtAcquisition {
  readonly manufacturer?: string;
  readonly model?: string;
  /** Peak kilovoltage (0018,0060): HU, and so phantomless and opportunistic figures, depend on it. */
  readonly kvp?: number;
  readonly tubeCurrentMa?: number;
  readonly exposureMas?: number;
  /** Reconstruction kernel (0018,1210), joined with '\' when the header lists several values. */
  readonly convolutionKernel?: string;
  readonly sliceThicknessMm?: number;
  /** Contrast/Bolus Agent (0018,0010): a contrast phase changes HU of blood and muscle. */
  readonly contrastAgent?: string;
  /** Study date as ISO yyyy-mm-dd. */
  readonly studyDate?: string;
  readonly seriesDescription?: string;
  readonly patientId?: string;
  /** CTDIvol (0018,9345) in mGy. */
  readonly ctdiVolMgy?: number;
}
