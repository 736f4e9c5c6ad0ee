import { describe, expect, it } from 'vitest';
import { decimalString } from '../src/dicom/decimal-string.ts';

describe('DICOM decimal strings (DS, at most 16 characters)', () => {
  it('keeps short numbers as they are', () => {
    expect(decimalString(-1024)).toBe('-1024');
    expect(decimalString(0.5)).toBe('0.5');
  });

  it('rounds long numbers to the most digits that fit', () => {
    expect(decimalString(0.1 + 0.2)).toBe('0.3'); // 0.30000000000000004 is 19 characters
    // −123.45678901234567: 16 characters less "-" and "." leave 14 significant digits, last rounded up.
    expect(decimalString(-123.45678901234567)).toBe('-123.45678901235');
    expect(decimalString(-123.45678901234567).length).toBeLessThanOrEqual(16);
    expect(decimalString(1 / 3)).toBe('0.33333333333333'); // "0." and 14 threes
  });

  it('refuses numbers that are not finite', () => {
    expect(() => decimalString(Number.NaN)).toThrow('NaN cannot be written as a DICOM decimal string');
  });
});
