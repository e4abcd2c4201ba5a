import { Principal, canAccess, canWriteOrganisation } from '@stapsteen/auth';
import { SharedReads } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Organisation } from '../../organisations/domain/organisation';
import type { Clock } from '../../shared/clock';
import { AlertRules, StoredAlertRules, checkAlertRules, effectiveAlertRules } from '../domain/alert-rules';

/** One small document per organisation that saved its own rules, addressed by the organisation id. */
export interface AlertRulesRepository {
  load(organisationId: string): Promise<StoredAlertRules | null>;
  /** Replaces the organisation's rules in one write (last writer wins). */
  save(organisationId: string, rules: StoredAlertRules): Promise<void>;
}

export const ALERT_RULES_REPOSITORY = Symbol('ALERT_RULES_REPOSITORY');

/** Where the due checks get an organisation's alert windows from. */
export interface AlertRulesSource {
  forOrganisation(organisationId: string): Promise<AlertRules>;
}

export interface AlertRulesView extends AlertRules {
  organisationId: string;
  /** The windows that apply while the organisation has none of its own. */
  defaults: AlertRules;
  editedBy: string | null;
  editedAt: string | null;
}

/**
 * Reads and edits of an organisation's alert rules, and the rules the due checks use.
 *
 * The checks ask per participant, and most organisations never save rules of their own: on
 * FerretDB v1 a `findOne({ _id })` that misses scans the collection (ADR 6). So the answer, found
 * or not, is kept in memory for `cacheMs`, one lookup per organisation and not per participant; a
 * save here replaces it at once, and another instance of the service follows within `cacheMs`.
 * Concurrent checks share the one lookup in flight.
 */
export class AlertRulesService implements AlertRulesSource {
  private readonly kept: SharedReads<AlertRules>;
  private readonly changeListeners: ((organisationId: string) => void)[] = [];

  constructor(
    private readonly settings: AlertRulesRepository,
    private readonly organisations: OrganisationDirectory,
    private readonly clock: Clock,
    private readonly defaults: AlertRules,
    cacheMs: number,
  ) {
    this.kept = new SharedReads(cacheMs, () => clock.now().getTime());
  }

  /** Called after a save, so the organisation's participants are checked against the new rules now. */
  onChanged(listener: (organisationId: string) => void): void {
    this.changeListeners.push(listener);
  }

  forOrganisation(organisationId: string): Promise<AlertRules> {
    return this.kept.get(organisationId, async () =>
      effectiveAlertRules(await this.settings.load(organisationId), this.defaults),
    );
  }

  async read(principal: Principal, organisationId: string): Promise<AlertRulesView> {
    const organisation = await this.organisationInScope(organisationId);
    if (!canAccess(principal, { organisationId: organisation.id, regionId: organisation.regionId })) {
      throw outOfScope();
    }
    return this.view(organisationId, await this.settings.load(organisationId));
  }

  async save(principal: Principal, organisationId: string, rules: AlertRules): Promise<AlertRulesView> {
    await this.organisationInScope(organisationId);
    if (!canWriteOrganisation(principal, organisationId)) throw outOfScope();
    const stored: StoredAlertRules = {
      ...checkAlertRules(rules),
      editedBy: principal.userId,
      editedAt: this.clock.now().toISOString(),
    };
    await this.settings.save(organisationId, stored);
    this.kept.set(organisationId, effectiveAlertRules(stored, this.defaults));
    for (const listener of this.changeListeners) listener(organisationId);
    return this.view(organisationId, stored);
  }

  private async organisationInScope(organisationId: string): Promise<Organisation> {
    const organisation = await this.organisations.findById(organisationId);
    if (!organisation) throw outOfScope();
    return organisation;
  }

  private view(organisationId: string, stored: StoredAlertRules | null): AlertRulesView {
    return {
      organisationId,
      ...effectiveAlertRules(stored, this.defaults),
      defaults: { ...this.defaults },
      editedBy: stored?.editedBy ?? null,
      editedAt: stored?.editedAt ?? null,
    };
  }
}

/** Unknown and out of scope answer alike, so the answer reveals nothing about other organisations. */
function outOfScope(): DomainError {
  return new DomainError('ORGANISATION.NOT_FOUND', 'not-found', 'There is no such organisation in your scope.');
}
