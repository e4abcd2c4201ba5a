import { SharedReads } from '@stapsteen/concurrency';

/** Who saved an organisation's own values, and when (an ISO instant). */
export interface SettingsEdit {
  editedBy: string;
  editedAt: string;
}

/** An organisation's own values as stored: the values and who saved them when. */
export type StoredSettings<T> = T & SettingsEdit;

/** One small document per organisation that saved its own values, addressed by the organisation id. */
export interface OrganisationSettingsStore<T> {
  /** The organisation's own values; null when it never saved any. */
  load(organisationId: string): Promise<StoredSettings<T> | null>;
  /** Replaces the organisation's values in one write (last writer wins). */
  save(organisationId: string, settings: StoredSettings<T>): Promise<void>;
}

/** What a reader is shown: the values that apply, the defaults, and who edited them when (null: never). */
export type OrganisationSettingsView<T> = T & {
  organisationId: string;
  /** The values that apply while the organisation has none of its own. */
  defaults: T;
  editedBy: string | null;
  editedAt: string | null;
};

/** The names of a settings type's values, in the order the documents and views hold them. */
export type SettingsFields<T> = readonly (keyof T & string)[];

export interface OrganisationSettingsOptions<T> {
  store: OrganisationSettingsStore<T>;
  fields: SettingsFields<T>;
  /** Refuses values outside the service's bounds (throws), so nothing wrong is ever stored. */
  check: (values: T) => T;
  defaults: T;
  /** How long an organisation's answer is kept in memory; another instance's save shows within it. */
  cacheMs: number;
  /** The service's clock: when a save was made, and how long a kept answer is still good. */
  clock: { now(): Date };
}

/** Only the named values, in their order: nothing else reaches a document, a view or a rule. */
export function pickSettings<T>(values: T, fields: SettingsFields<T>): T {
  const picked: Partial<T> = {};
  for (const field of fields) picked[field] = values[field];
  return picked as T;
}

/** The values that apply to an organisation: its own when it saved some, the defaults otherwise. */
export function effectiveSettings<T>(stored: StoredSettings<T> | null, defaults: T, fields: SettingsFields<T>): T {
  return pickSettings(stored ?? defaults, fields);
}

/**
 * An organisation's own values of one kind (coaching's gap windows, flow-through's alert rules):
 * reads, checked saves, and the values the rules use, which are asked for per participant.
 *
 * Most organisations never save values of their own, and on FerretDB v1 a `findOne({ _id })` that
 * misses scans the collection (ADR 6). So the answer, found or not, is kept in memory for `cacheMs`:
 * one lookup per organisation, not per participant, shared by the callers while it is in flight,
 * and not kept when it failed. A save here replaces it at once and then tells the listeners, so the
 * organisation's participants are looked at again; another instance follows within `cacheMs`.
 * Who may read or save is the service's to decide before calling.
 */
export class OrganisationSettings<T> {
  private readonly kept: SharedReads<T>;
  private readonly listeners: ((organisationId: string) => void)[] = [];

  constructor(private readonly options: OrganisationSettingsOptions<T>) {
    this.kept = new SharedReads(options.cacheMs, () => options.clock.now().getTime());
  }

  get defaults(): T {
    return pickSettings(this.options.defaults, this.options.fields);
  }

  /** Called after each save, with the organisation's id. */
  onChanged(listener: (organisationId: string) => void): void {
    this.listeners.push(listener);
  }

  /** The values the rules use for an organisation (kept in memory, see above). */
  effective(organisationId: string): Promise<T> {
    return this.kept.get(organisationId, async () => this.effectiveOf(await this.options.store.load(organisationId)));
  }

  /** What the organisation's settings screen shows, read from the store. */
  async view(organisationId: string): Promise<OrganisationSettingsView<T>> {
    return this.viewOf(organisationId, await this.options.store.load(organisationId));
  }

  /** Checks and stores the organisation's values, uses them at once, and tells the listeners. */
  async save(organisationId: string, values: T, editedBy: string): Promise<OrganisationSettingsView<T>> {
    const stored: StoredSettings<T> = {
      ...pickSettings(this.options.check(values), this.options.fields),
      editedBy,
      editedAt: this.options.clock.now().toISOString(),
    };
    await this.options.store.save(organisationId, stored);
    this.kept.set(organisationId, this.effectiveOf(stored));
    for (const listener of this.listeners) listener(organisationId);
    return this.viewOf(organisationId, stored);
  }

  private effectiveOf(stored: StoredSettings<T> | null): T {
    return effectiveSettings(stored, this.options.defaults, this.options.fields);
  }

  private viewOf(organisationId: string, stored: StoredSettings<T> | null): OrganisationSettingsView<T> {
    return {
      organisationId,
      ...this.effectiveOf(stored),
      defaults: this.defaults,
      editedBy: stored?.editedBy ?? null,
      editedAt: stored?.editedAt ?? null,
    };
  }
}
