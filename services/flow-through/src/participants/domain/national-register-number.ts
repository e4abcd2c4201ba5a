import { DomainError } from '@stapsteen/errors';

/**
 * The Belgian national register number (rijksregisternummer / INSZ): 11 digits, YYMMDD + a serial
 * + two check digits (97 minus the first nine digits modulo 97; for people born from 2000 on the
 * nine digits are prefixed with a 2). It never leaves the flow-through service and is shown masked.
 */
export class NationalRegisterNumber {
  private constructor(readonly digits: string) {}

  static parse(input: string): NationalRegisterNumber {
    const digits = input.replace(/[\s.-]/g, '');
    if (!/^\d{11}$/.test(digits)) {
      throw new DomainError(
        'PARTICIPANT.NATIONAL_REGISTER_NUMBER_INVALID',
        'validation',
        'A national register number has 11 digits.',
      );
    }
    const body = digits.slice(0, 9);
    const check = Number(digits.slice(9));
    const before2000 = 97 - Number(BigInt(body) % 97n);
    const from2000 = 97 - Number(BigInt(`2${body}`) % 97n);
    if (check !== before2000 && check !== from2000) {
      throw new DomainError(
        'PARTICIPANT.NATIONAL_REGISTER_NUMBER_INVALID',
        'validation',
        'The check digits of this national register number do not match; check for a typing error.',
      );
    }
    return new NationalRegisterNumber(digits);
  }

  /** e.g. 85.07.30-***.** — enough for a colleague to recognise it, not enough to misuse it. */
  masked(): string {
    const d = this.digits;
    return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-***.**`;
  }
}
