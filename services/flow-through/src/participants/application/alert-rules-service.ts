import { Principal, canAccess, canWriteOrganisation } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import {
  OrganisationSettings,
  type OrganisationSettingsStore,
  type OrganisationSettingsView,
} from '@stapsteen/organisation-settings';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Organisation } from '../../organisations/domain/organisation';
import type { Clock } from '../../shared/clock';
import { ALERT_RULE_NAMES, AlertRules, checkAlertRules } from '../domain/alert-rules';

/** One small document per organisation that saved its own rules, addressed by the organisation id. */
export type AlertRulesRepository = OrganisationSettingsStore<AlertRules>;

export const ALERT_RULES_REPOSITORY = Symbol('ALERT_RULES_REPOSITORY');

/** Where the due checks get an organisation's alert windows from. */
export interface AlertRulesSource {
  forOrganisation(organisationId: string): Promise<AlertRules>;
}

export type AlertRulesView = OrganisationSettingsView<AlertRules>;

/**
 * Reads and edits of an organisation's alert rules, and the rules the due checks use: an
 * organisation's own settings (libs/organisation-settings: the defaults, the answer kept in memory
 * for `cacheMs` because the checks ask per participant, a save used at once) with flow-through's
 * scope (the organisation directory; its region's manager may read) and bounds.
 */
export class AlertRulesService implements AlertRulesSource {
  private readonly settings: OrganisationSettings<AlertRules>;

  constructor(
    store: AlertRulesRepository,
    private readonly organisations: OrganisationDirectory,
    clock: Clock,
    defaults: AlertRules,
    cacheMs: number,
  ) {
    this.settings = new OrganisationSettings({
      store,
      fields: ALERT_RULE_NAMES,
      check: checkAlertRules,
      defaults,
      cacheMs,
      clock,
    });
  }

  /** Called after a save, so the organisation's participants are checked against the new rules now. */
  onChanged(listener: (organisationId: string) => void): void {
    this.settings.onChanged(listener);
  }

  forOrganisation(organisationId: string): Promise<AlertRules> {
    return this.settings.effective(organisationId);
  }

  async read(principal: Principal, organisationId: string): Promise<AlertRulesView> {
    const organisation = await this.organisationInScope(organisationId);
    if (!canAccess(principal, { organisationId: organisation.id, regionId: organisation.regionId })) {
      throw outOfScope();
    }
    return this.settings.view(organisationId);
  }

  async save(principal: Principal, organisationId: string, rules: AlertRules): Promise<AlertRulesView> {
    await this.organisationInScope(organisationId);
    if (!canWriteOrganisation(principal, organisationId)) throw outOfScope();
    return this.settings.save(organisationId, rules, principal.userId);
  }

  private async organisationInScope(organisationId: string): Promise<Organisation> {
    const organisation = await this.organisations.findById(organisationId);
    if (!organisation) throw outOfScope();
    return organisation;
  }
}

/** Unknown and out of scope answer alike, so the answer reveals nothing about other organisations. */
function outOfScope(): DomainError {
  return new DomainError('ORGANISATION.NOT_FOUND', 'not-found', 'There is no such organisation in your scope.');
}
