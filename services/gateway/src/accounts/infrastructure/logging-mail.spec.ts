import { LoggingMailPort } from './logging-mail';

describe('the logging mail port', () => {
  it('notes the kind, the user id and the expiry, never the link, the token, the email or the name', async () => {
    const lines: string[] = [];
    const token = 'Fxl1eAsdKuWVjxyE37oQm2b8n0PpZr5tYc9vHgJkLw4';
    await new LoggingMailPort((line) => lines.push(line)).passwordLinkIssued({
      userId: '5d0c1c7e-8f43-4c8e-9a55-2a8f5f0e7b11',
      email: 'an.peeters@neteland.be',
      displayName: 'An Peeters',
      kind: 'RESET',
      path: `/wachtwoord-instellen?token=${token}`,
      expiresAt: '2026-01-10T10:00:00.000Z',
    });
    expect(lines).toEqual([
      'password link (RESET) issued for user 5d0c1c7e-8f43-4c8e-9a55-2a8f5f0e7b11, valid until ' +
        '2026-01-10T10:00:00.000Z; no mail server configured: the admin hands the link over',
    ]);
    for (const secret of [token, 'wachtwoord-instellen', 'an.peeters', 'Peeters'])
      expect(lines[0]).not.toContain(secret);
  });
});
