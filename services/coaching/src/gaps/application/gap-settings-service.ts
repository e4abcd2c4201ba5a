import { Principal, canWriteOrganisation } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import {
  OrganisationSettings,
  type OrganisationSettingsStore,
  type OrganisationSettingsView,
} from '@stapsteen/organisation-settings';
import type { Clock } from '../../shared/application/clock';
import type { GapPolicy } from '../domain/gap-rules';
import { GAP_WINDOW_NAMES, checkGapWindows } from '../domain/gap-settings';

/** One small document per organisation that saved its own windows, addressed by the organisation id. */
export type GapSettingsRepository = OrganisationSettingsStore<GapPolicy>;

export const GAP_SETTINGS_REPOSITORY = Symbol('GAP_SETTINGS_REPOSITORY');

/** Where the gap rules get an organisation's windows from. */
export interface GapPolicies {
  forOrganisation(organisationId: string): Promise<GapPolicy>;
}

export type GapSettingsView = OrganisationSettingsView<GapPolicy>;

/**
 * Reads and edits of an organisation's gap windows, and the windows the rules use: an
 * organisation's own settings (libs/organisation-settings: the defaults, the answer kept in memory
 * for `cacheMs` because the rules ask per participant, a save used at once) with coaching's scope
 * and bounds.
 */
export class GapSettingsService implements GapPolicies {
  private readonly settings: OrganisationSettings<GapPolicy>;

  constructor(
    store: GapSettingsRepository,
    clock: Clock,
    defaults: GapPolicy,
    cacheMs: number,
    /** Re-evaluates the organisation's participants, so changed windows open and close gaps now. */
    onChanged: (organisationId: string) => void = () => undefined,
  ) {
    this.settings = new OrganisationSettings({
      store,
      fields: GAP_WINDOW_NAMES,
      check: checkGapWindows,
      defaults,
      cacheMs,
      clock,
    });
    this.settings.onChanged(onChanged);
  }

  forOrganisation(organisationId: string): Promise<GapPolicy> {
    return this.settings.effective(organisationId);
  }

  async read(principal: Principal, organisationId: string): Promise<GapSettingsView> {
    this.assertInScope(principal, organisationId);
    return this.settings.view(organisationId);
  }

  async save(principal: Principal, organisationId: string, windows: GapPolicy): Promise<GapSettingsView> {
    this.assertInScope(principal, organisationId);
    return this.settings.save(organisationId, windows, principal.userId);
  }

  /** Staff of the organisation and administrators; anyone else is told it does not exist. */
  private assertInScope(principal: Principal, organisationId: string): void {
    if (!canWriteOrganisation(principal, organisationId)) {
      throw new DomainError(
        'COACHING.ORGANISATION_NOT_FOUND',
        'not-found',
        'There is no such organisation in your scope.',
      );
    }
  }
}
