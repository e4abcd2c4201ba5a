import { checkPassword } from '../domain/password-policy';
import { failure, organiser, setUp } from '../../../test/accounts-fixture';

describe('the password policy', () => {
  it('refuses fewer than 12 characters and accepts 12', () => {
    expect(checkPassword('elf tekens!')).toBe('TOO_SHORT');
    expect(checkPassword('twaalf teken')).toBeNull();
  });

  it('counts characters as people do, refuses blanks and more than 128 characters', () => {
    expect(checkPassword('😀'.repeat(11))).toBe('TOO_SHORT');
    expect(checkPassword(' '.repeat(20))).toBe('BLANK');
    expect(checkPassword('a'.repeat(129))).toBe('TOO_LONG');
  });

  it('is applied when an admin creates a user', async () => {
    const { accounts } = setUp();
    expect((await failure(accounts.createUser({ ...organiser, password: 'kort' }))).code).toBe(
      'GATEWAY.PASSWORD_TOO_SHORT',
    );
  });
});
