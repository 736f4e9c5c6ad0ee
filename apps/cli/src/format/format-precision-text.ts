import type { PrecisionResult } from '@quantrad/densitometry';

export function formatPrecisionText(results: readonly PrecisionResult[]): string {
  const lines = results.flatMap((r) => [
    `${r.scannerId === null ? '' : `${r.scannerId} `}${r.site}${r.side ? ` ${r.side}` : ''}: ${r.patients} patients, ${r.scans} scans, ${r.degreesOfFreedom} degrees of freedom`,
    `  mean BMD ${r.meanBmdGcm2} g/cm²; RMS-SD ${r.rmsSdGcm2} g/cm²; %CV ${r.cvPercent}%; LSC ${r.lscGcm2} g/cm² (${r.lscPercent}%)`,
    ...(r.iscdCompliant ? [] : ['  NOT an ISCD-compliant study']),
    ...r.notes.map((n) => `  - ${n}`),
  ]);
  return `${lines.join('\n')}\n`;
}
