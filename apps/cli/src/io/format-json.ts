/** Significant digits kept in JSON output: floating-point noise (100.02000000000001) is not a measurement. */
const SIGNIFICANT_DIGITS = 10;

/** JSON for people and programs: two-space indented, non-integers to 10 significant digits, ending in a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, item: unknown) =>
      typeof item === 'number' && Number.isFinite(item) && !Number.isInteger(item)
        ? Number(item.toPrecision(SIGNIFICANT_DIGITS))
        : item,
    2,
  )}\n`;
}
