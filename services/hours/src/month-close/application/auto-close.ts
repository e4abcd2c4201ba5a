import { addMonths, monthOf } from '@stapsteen/calendar';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import { Clock, brusselsDateOf } from '../../shared/brussels-time';
import type { CloseMonthHandler } from './close-month';
import type { MonthCloseRepository } from './ports';

/**
 * A month closes itself N days after it ends (default 10) for every organisation that has not
 * closed it, so the low-hours flags never wait on someone remembering to click.
 */
export class AutoCloseMonths {
  constructor(
    private readonly closeMonth: CloseMonthHandler,
    private readonly closes: MonthCloseRepository,
    private readonly roster: ParticipantRoster,
    private readonly clock: Clock,
    private readonly daysAfterMonthEnd: number,
  ) {}

  /** Returns the organisations whose previous month it closed. */
  async closeDueMonths(): Promise<string[]> {
    const today = brusselsDateOf(this.clock.now());
    const month = addMonths(monthOf(today), -1);
    if (Number(today.slice(8, 10)) <= this.daysAfterMonthEnd) return [];
    const closed: string[] = [];
    for (const organisationId of await this.roster.organisations()) {
      if (await this.closes.load(organisationId, month)) continue;
      try {
        await this.closeMonth.execute({ kind: 'AUTOMATIC' }, organisationId, month);
        closed.push(organisationId);
      } catch (error) {
        // An organiser closing at the same moment wins; that is not a failure.
        if ((error as { code?: string }).code !== 'HOURS.MONTH_ALREADY_CLOSED') throw error;
      }
    }
    return closed;
  }
}
