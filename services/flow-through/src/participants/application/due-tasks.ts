import { Principal, ReadScope, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Clock } from '../../shared/clock';
import { addDays } from '@stapsteen/calendar';
import type { FollowUpCheckpoint } from '../domain/follow-up';
import type { DueTaskEntry, DueTasksStore } from './due-tasks-store';

export interface DueTasksQuery {
  organisationId?: string;
  regionId?: string;
  /** Also what comes due within this many days from today. */
  within: number;
}

interface DueTaskBase {
  participantId: string;
  organisationId: string;
  regionId: string;
  /** The participant's name for the organisation's staff and admins; null for a regional manager. */
  name: string | null;
  trajectoryId: string;
  dueOn: string;
  overdue: boolean;
}

export type DueEvaluation = DueTaskBase;

export interface DueFollowUp extends DueTaskBase {
  checkpoint: FollowUpCheckpoint;
  windowEndsOn: string | null;
}

/**
 * The task lists: evaluations and follow-up checkpoints due (or coming due within `within` days)
 * or overdue, in the caller's scope. Read from the per-organisation due tasks, so a list costs one
 * `_id` read per organisation in scope, never a scan of the participants.
 */
export class DueTasksQueries {
  constructor(
    private readonly tasks: DueTasksStore,
    private readonly organisations: OrganisationDirectory,
    private readonly clock: Clock,
  ) {}

  async evaluations(principal: Principal, query: DueTasksQuery): Promise<{ items: DueEvaluation[] }> {
    const today = this.clock.today();
    const until = addDays(today, query.within);
    const items = (await this.entries(principal, query)).flatMap((entry) =>
      entry.evaluation && entry.evaluation.dueOn <= until
        ? [{ ...base(principal, entry), ...entry.evaluation, overdue: entry.evaluation.dueOn < today }]
        : [],
    );
    return { items: sorted(items) };
  }

  async followUps(principal: Principal, query: DueTasksQuery): Promise<{ items: DueFollowUp[] }> {
    const today = this.clock.today();
    const until = addDays(today, query.within);
    const items = (await this.entries(principal, query)).flatMap((entry) =>
      entry.followUps
        .filter((f) => f.dueOn <= until)
        .map((f) => ({
          ...base(principal, entry),
          ...f,
          // As the follow-up overview says: past the immediate window without a result.
          overdue: f.windowEndsOn !== null && today > f.windowEndsOn,
        })),
    );
    return { items: sorted(items) };
  }

  private async entries(principal: Principal, query: DueTasksQuery): Promise<DueTaskEntry[]> {
    const organisationIds = await this.organisationsInScope(principal, query);
    const perOrganisation = await Promise.all(organisationIds.map((id) => this.tasks.entriesOf(id)));
    // The entries carry their own scope: checked again so a moved participant never shows in the old place.
    return perOrganisation.flat().filter((entry) => canAccess(principal, entry));
  }

  private async organisationsInScope(principal: Principal, query: DueTasksQuery): Promise<string[]> {
    if (query.organisationId) {
      const organisation = await this.organisations.findById(query.organisationId);
      const visible =
        organisation !== null &&
        canAccess(principal, { organisationId: organisation.id, regionId: organisation.regionId }) &&
        (!query.regionId || organisation.regionId === query.regionId);
      if (!visible) throw outOfScope();
      return [organisation.id];
    }
    if (query.regionId) {
      if (principal.role === 'REGIONAL_MANAGER' && principal.regionId !== query.regionId) throw outOfScope();
      if ((principal.role === 'ORGANISER' || principal.role === 'COACH') && principal.regionId !== query.regionId) {
        throw outOfScope();
      }
    }
    switch (principal.role) {
      case 'ORGANISER':
      case 'COACH':
        return [...principal.organisationIds];
      case 'REGIONAL_MANAGER':
        if (principal.regionId === null) return [];
        return this.wijkWerkOrganisations({ regionId: principal.regionId });
      default:
        return this.wijkWerkOrganisations(query.regionId ? { regionId: query.regionId } : {});
    }
  }

  /** Partners have no participants, so only wijk-werkorganisaties hold due tasks. */
  private async wijkWerkOrganisations(scope: ReadScope): Promise<string[]> {
    return (await this.organisations.list(scope, { kind: 'WIJK_WERK' })).map((o) => o.id);
  }
}

function base(principal: Principal, entry: DueTaskEntry) {
  return {
    participantId: entry.participantId,
    organisationId: entry.organisationId,
    regionId: entry.regionId,
    name: principal.role === 'REGIONAL_MANAGER' ? null : entry.name,
  };
}

function sorted<T extends { dueOn: string; participantId: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.participantId.localeCompare(b.participantId));
}

function outOfScope(): DomainError {
  return new DomainError(
    'DUE_TASKS.SCOPE_NOT_FOUND',
    'not-found',
    'There is no such organisation or region among the ones you may see.',
  );
}
