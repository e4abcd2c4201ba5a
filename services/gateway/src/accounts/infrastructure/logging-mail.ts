import type { MailPort, PasswordLinkMessage } from '../application/ports';

/**
 * The mail port while there is no mail server: it only notes that a link was issued, for whom (the
 * user id) and until when. Never the token, the link, the email address or the name; the admin
 * hands the link over from the admin screen. A deployment with a mailer supplies its own MailPort.
 */
export class LoggingMailPort implements MailPort {
  constructor(private readonly log: (line: string) => void) {}

  async passwordLinkIssued(message: PasswordLinkMessage): Promise<void> {
    this.log(
      `password link (${message.kind}) issued for user ${message.userId}, valid until ${message.expiresAt}; ` +
        'no mail server configured: the admin hands the link over',
    );
  }
}
