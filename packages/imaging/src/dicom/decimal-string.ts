// DICOM Decimal String (DS) values are at most 16 characters (PS3.5 §6.2): the most precise decimal
// of a number that fits, so positions and spacings survive a write and read as closely as DS allows.
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be written as a DICOM decimal string`);
  for (let digits = 16; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  throw new RangeError(`${value} cannot be written in 16 characters`);
}
