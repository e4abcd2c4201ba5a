import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AccountsService } from '../application/accounts.service';
import { PasswordLinksService } from '../application/password-links.service';
import { ACCOUNTS, PASSWORD_LINKS } from './tokens';

export const ACCOUNTS_PURGE_EVERY_MS = Symbol('ACCOUNTS_PURGE_EVERY_MS');

/** Deletes expired sessions, old sign-in counters and expired password links now and then; the timer never keeps the process up. */
@Injectable()
export class AccountsPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('AccountsPurge');

  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountsService,
    @Inject(ACCOUNTS_PURGE_EVERY_MS) private readonly everyMs: number,
    @Inject(PASSWORD_LINKS) private readonly links: PasswordLinksService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.everyMs <= 0) return;
    this.timer = setInterval(() => void this.run(), this.everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const purged = await this.accounts.purge();
      const links = await this.links.purge();
      this.logger.log(
        `purged ${purged.sessions} expired sessions, ${purged.throttleWindows} sign-in counters and ${links} password links`,
      );
    } catch (error) {
      this.logger.warn(`purging expired sessions failed (${String(error)}); next try at the next interval`);
    }
  }
}
