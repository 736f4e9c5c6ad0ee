import { phantomDefinitionSchema, resolvePhantom, type ResolvedPhantom } from '@quantrad/densitometry';
import { readJsonFile } from '../../io/read-input-file.ts';
import { InputError } from '../../io/input-error.ts';

/** `--phantom ID|FILE`: a shipped phantom by id, or a phantom file `{ name, material, rodsMgCm3 }`. */
export async function resolvePhantomOption(
  phantom: string,
  certificateRodsMgCm3: readonly number[] | undefined,
  certificateWaterMgCm3?: readonly number[],
): Promise<ResolvedPhantom> {
  const fromFile = /\.json$/i.test(phantom)
    ? await readJsonFile(phantom, phantomDefinitionSchema)
    : undefined;
  if (fromFile !== undefined && (certificateRodsMgCm3 !== undefined || certificateWaterMgCm3 !== undefined))
    throw new InputError(
      `--certificate: ${phantom} is a phantom file; put the certificate\u2019s values in it (rodsMgCm3, waterMgCm3)`,
    );
  try {
    return resolvePhantom(fromFile ?? phantom, certificateRodsMgCm3, certificateWaterMgCm3);
  } catch (error) {
    const message = (error as Error).message
      .replace(/^certificateRodsMgCm3/, '--certificate')
      .replace(/^certificateWaterMgCm3/, '--certificate-water');
    throw new InputError(message.startsWith('--') ? message : `--phantom: ${message}`);
  }
}

/** A comma-separated list of numbers, e.g. `--rods-hu 1.2,101.5,203`; names the option when one is not a number. */
export function parseNumberList(option: string, text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  return parts.map((part, index) => {
    const value = Number(part);
    if (part === '' || !Number.isFinite(value))
      throw new InputError(`${option}: item ${index + 1} ("${part}") is not a number`);
    return value;
  });
}
