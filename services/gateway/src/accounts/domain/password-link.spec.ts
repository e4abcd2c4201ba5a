import { DEFAULT_LINK_LIFETIMES, PasswordLink, judgeLink, kindFor, lifetimeOf } from './password-link';

const NOW = Date.UTC(2026, 0, 10, 9, 0, 0);
const link: PasswordLink = {
  id: 'a'.repeat(64),
  userId: 'user-1',
  kind: 'INVITATION',
  issuedAt: NOW,
  expiresAt: NOW + 3600_000,
  serial: 'serial-1',
};
const holder = { active: true, passwordLinkId: 'serial-1' };

describe('a password link', () => {
  it('lasts 72 hours as an invitation and one hour as a reset by default', () => {
    expect(lifetimeOf('INVITATION', DEFAULT_LINK_LIFETIMES)).toBe(72 * 3600_000);
    expect(lifetimeOf('RESET', DEFAULT_LINK_LIFETIMES)).toBe(3600_000);
    expect(lifetimeOf('RESET', { invitationMs: 5, resetMs: 7 })).toBe(7);
  });

  it('invites a user without a password and resets one who has a password', () => {
    expect(kindFor({ passwordHash: '' })).toBe('INVITATION');
    expect(kindFor({ passwordHash: '$argon2id$v=19$…' })).toBe('RESET');
  });

  it('works until the millisecond it expires, and from then on is refused as expired', () => {
    expect(judgeLink(link, false, holder, link.expiresAt - 1)).toBeNull();
    expect(judgeLink(link, false, holder, link.expiresAt)).toBe('INVITE_EXPIRED');
  });

  it('works once: a used link is refused as used, even after it expired', () => {
    expect(judgeLink(link, true, holder, NOW)).toBe('INVITE_USED');
    expect(judgeLink(link, true, holder, link.expiresAt + 1)).toBe('INVITE_USED');
  });

  it('is invalid when unknown, replaced by a newer link, or the account is blocked or gone', () => {
    expect(judgeLink(null, false, null, NOW)).toBe('INVITE_INVALID');
    expect(judgeLink(link, false, { active: true, passwordLinkId: 'serial-2' }, NOW)).toBe('INVITE_INVALID');
    expect(judgeLink(link, false, { active: true }, NOW)).toBe('INVITE_INVALID');
    expect(judgeLink(link, false, { active: false, passwordLinkId: 'serial-1' }, NOW)).toBe('INVITE_INVALID');
    expect(judgeLink(link, false, null, NOW)).toBe('INVITE_INVALID');
  });
});
