/** OWASP ASVS 2.1: at least 12 characters, at most 128 (argon2 cost stays bounded), any characters. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'BLANK';

export function checkPassword(password: string): PasswordProblem | null {
  if (password.trim().length === 0) return 'BLANK';
  // Count code points, not UTF-16 units, so an emoji is one character as a person would count it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if (length > PASSWORD_MAX_LENGTH) return 'TOO_LONG';
  return null;
}
