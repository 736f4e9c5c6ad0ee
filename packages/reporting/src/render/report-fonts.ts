import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// DejaVu Sans is embedded in every PDF: it covers ², ³, ≥, Σ and accented names, which the PDF
// standard 14 fonts do not, and it ships with npm (no download at run time).
const fontDirectory = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);

export const REPORT_FONT_REGULAR = join(fontDirectory, 'DejaVuSans.ttf');
export const REPORT_FONT_BOLD = join(fontDirectory, 'DejaVuSans-Bold.ttf');
