import { DomainError } from '@stapsteen/errors';
import { NationalRegisterNumber } from './national-register-number';

/** Builds a number with correct check digits, so the tests do not depend on real people's numbers. */
function withCheckDigits(nineDigits: string, bornFrom2000 = false): string {
  const body = BigInt(bornFrom2000 ? `2${nineDigits}` : nineDigits);
  return `${nineDigits}${String(97 - Number(body % 97n)).padStart(2, '0')}`;
}

describe('NationalRegisterNumber', () => {
  it('accepts a number born before 2000 whose check digits match', () => {
    const digits = withCheckDigits('870412123');
    expect(NationalRegisterNumber.parse(digits).digits).toBe(digits);
  });

  it('accepts a number born from 2000 on, whose check uses the prefix 2', () => {
    const digits = withCheckDigits('050301456', true);
    expect(NationalRegisterNumber.parse(digits).digits).toBe(digits);
  });

  it('accepts the usual written form with dots and a dash', () => {
    const d = withCheckDigits('870412123');
    const written = `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
    expect(NationalRegisterNumber.parse(written).digits).toBe(d);
  });

  it('refuses a typing error that breaks the check digits', () => {
    const digits = withCheckDigits('870412123');
    const typo = `${digits.slice(0, 8)}${(Number(digits[8]) + 1) % 10}${digits.slice(9)}`;
    expect(() => NationalRegisterNumber.parse(typo)).toThrow(DomainError);
  });

  it('refuses a number that is not 11 digits', () => {
    expect(() => NationalRegisterNumber.parse('1234')).toThrow(/11 digits/);
  });

  it('shows only the date part when masked', () => {
    expect(NationalRegisterNumber.parse(withCheckDigits('870412123')).masked()).toBe('87.04.12-***.**');
  });
});
