import { Principal, canWriteOrganisation } from '@stapsteen/auth';
import { SharedReads } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import type { Clock } from '../../shared/application/clock';
import type { GapPolicy } from '../domain/gap-rules';
import { StoredGapWindows, checkGapWindows, effectiveGapPolicy } from '../domain/gap-settings';

/** One small document per organisation that saved its own windows, addressed by the organisation id. */
export interface GapSettingsRepository {
  load(organisationId: string): Promise<StoredGapWindows | null>;
  /** Replaces the organisation's windows in one write (last writer wins). */
  save(organisationId: string, windows: StoredGapWindows): Promise<void>;
}

export const GAP_SETTINGS_REPOSITORY = Symbol('GAP_SETTINGS_REPOSITORY');

/** Where the gap rules get an organisation's windows from. */
export interface GapPolicies {
  forOrganisation(organisationId: string): Promise<GapPolicy>;
}

export interface GapSettingsView extends GapPolicy {
  organisationId: string;
  /** The configured windows that apply while the organisation has none of its own. */
  defaults: GapPolicy;
  editedBy: string | null;
  editedAt: string | null;
}

/**
 * Reads and edits of an organisation's gap windows, and the windows the rules use.
 *
 * The rules ask per participant, and most organisations never save windows of their own: on
 * FerretDB v1 a `findOne({ _id })` that misses scans the collection (ADR 6). So the answer, found
 * or not, is kept in memory for `cacheMs`, one lookup per organisation and not per participant; a
 * save here replaces it at once, and another instance of the service follows within `cacheMs`.
 * Concurrent evaluations share the one lookup in flight.
 */
export class GapSettingsService implements GapPolicies {
  private readonly policies: SharedReads<GapPolicy>;

  constructor(
    private readonly settings: GapSettingsRepository,
    private readonly clock: Clock,
    private readonly defaults: GapPolicy,
    cacheMs: number,
    /** Re-evaluates the organisation's participants, so changed windows open and close gaps now. */
    private readonly onChanged: (organisationId: string) => void = () => undefined,
  ) {
    this.policies = new SharedReads(cacheMs, () => clock.now().getTime());
  }

  forOrganisation(organisationId: string): Promise<GapPolicy> {
    return this.policies.get(organisationId, async () =>
      effectiveGapPolicy(await this.settings.load(organisationId), this.defaults),
    );
  }

  async read(principal: Principal, organisationId: string): Promise<GapSettingsView> {
    this.assertInScope(principal, organisationId);
    return this.view(organisationId, await this.settings.load(organisationId));
  }

  async save(principal: Principal, organisationId: string, windows: GapPolicy): Promise<GapSettingsView> {
    this.assertInScope(principal, organisationId);
    const stored: StoredGapWindows = {
      ...checkGapWindows(windows),
      editedBy: principal.userId,
      editedAt: this.clock.now().toISOString(),
    };
    await this.settings.save(organisationId, stored);
    this.policies.set(organisationId, effectiveGapPolicy(stored, this.defaults));
    this.onChanged(organisationId);
    return this.view(organisationId, stored);
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

  private view(organisationId: string, stored: StoredGapWindows | null): GapSettingsView {
    return {
      organisationId,
      ...effectiveGapPolicy(stored, this.defaults),
      defaults: { ...this.defaults },
      editedBy: stored?.editedBy ?? null,
      editedAt: stored?.editedAt ?? null,
    };
  }
}
