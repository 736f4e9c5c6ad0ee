import { z } from 'zod';
import { InputError } from '../../io/input-error.ts';
import type { LoadedCt } from '../../io/load-ct-volume.ts';

/** How a scan was made, as far as the options and the DICOM headers say: what a calibration must match. */
export interface ScanFacts {
  scannerId?: string;
  kvp?: number;
  kernel?: string;
  /** ISO date of the scan. */
  date?: string;
}

export interface ScanFactOptions {
  scanner?: string;
  kvp?: string;
  kernel?: string;
  date?: string;
}

const kvpSchema = z.coerce.number().int().min(60).max(150);

function parseKvp(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = kvpSchema.safeParse(text);
  if (!/^\d+$/.test(text.trim()) || !parsed.success)
    throw new InputError(`--kvp: must be a whole number of kV from 60 to 150, not "${text}"`);
  return parsed.data;
}

function parseDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!z.iso.date().safeParse(text).success)
    throw new InputError(`--date: must be a date written YYYY-MM-DD, not "${text}"`);
  return text;
}

const sameKernel = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The scan's scanner, tube voltage, kernel and date from the options and the DICOM headers. An option that
 * contradicts the header is refused rather than silently preferred: a calibration is chosen by these facts
 * (ACR QCT IV.B.1.b) and HU depend on kVp (IV.B.2).
 */
export function scanFacts(options: ScanFactOptions, loaded: LoadedCt | undefined): ScanFacts {
  const kvp = parseKvp(options.kvp);
  const date = parseDate(options.date);
  const header = loaded?.acquisition;
  if (kvp !== undefined && header?.kvp !== undefined && Math.abs(header.kvp - kvp) > 0.5)
    throw new InputError(`--kvp: ${kvp} contradicts the DICOM header (KVP ${header.kvp})`);
  if (
    options.kernel !== undefined &&
    header?.convolutionKernel !== undefined &&
    !sameKernel(options.kernel, header.convolutionKernel)
  )
    throw new InputError(
      `--kernel: "${options.kernel}" contradicts the DICOM header (ConvolutionKernel "${header.convolutionKernel}")`,
    );
  if (date !== undefined && header?.studyDate !== undefined && date !== header.studyDate)
    throw new InputError(`--date: ${date} contradicts the DICOM header (StudyDate ${header.studyDate})`);
  const headerKvp = header?.kvp === undefined ? undefined : Math.round(header.kvp);
  const finalKvp = kvp ?? headerKvp;
  const kernel = options.kernel ?? header?.convolutionKernel;
  const finalDate = date ?? header?.studyDate;
  return {
    ...(options.scanner === undefined ? {} : { scannerId: options.scanner }),
    ...(finalKvp === undefined ? {} : { kvp: finalKvp }),
    ...(kernel === undefined ? {} : { kernel }),
    ...(finalDate === undefined ? {} : { date: finalDate }),
  };
}
