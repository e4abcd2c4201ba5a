import { Principal, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import type { Clock } from '../../shared/application/clock';
import { Catalogue, Competency, defaultCatalogue, reviseCatalogue } from '../domain/catalogue';

export interface CatalogueRepository {
  /** The highest stored version, or null when the organisation still uses the default. */
  latest(organisationId: string): Promise<Catalogue | null>;
  version(organisationId: string, version: number): Promise<Catalogue | null>;
  /** Stores a new version; false when that version exists already (a concurrent edit won). */
  insert(catalogue: Catalogue): Promise<boolean>;
}

export const CATALOGUE_REPOSITORY = Symbol('CATALOGUE_REPOSITORY');

/** Reads and edits of an organisation's catalogue; the default is version 1 until an admin edits it. */
export class CatalogueService {
  constructor(
    private readonly catalogues: CatalogueRepository,
    private readonly roster: ParticipantRoster,
    private readonly clock: Clock,
  ) {}

  /** For use cases that already checked the caller's scope. */
  async current(organisationId: string): Promise<Catalogue> {
    return (await this.catalogues.latest(organisationId)) ?? defaultCatalogue(organisationId);
  }

  async at(organisationId: string, version: number): Promise<Catalogue | null> {
    if (version === 1) return (await this.catalogues.version(organisationId, 1)) ?? defaultCatalogue(organisationId);
    return this.catalogues.version(organisationId, version);
  }

  async read(principal: Principal, organisationId: string, version?: number): Promise<Catalogue> {
    await this.assertCanRead(principal, organisationId);
    const catalogue =
      version === undefined ? await this.current(organisationId) : await this.at(organisationId, version);
    if (!catalogue)
      throw new DomainError(
        'COACHING.CATALOGUE_VERSION_NOT_FOUND',
        'not-found',
        `There is no version ${version} of this catalogue.`,
      );
    return catalogue;
  }

  /** Administrators only (the route says so); each edit is a new version. */
  async edit(
    principal: Principal,
    organisationId: string,
    targetLevel: number,
    competencies: Competency[],
  ): Promise<Catalogue> {
    const current = await this.current(organisationId);
    const next = reviseCatalogue(current, {
      targetLevel,
      competencies,
      editedBy: principal.userId,
      editedAt: this.clock.now().toISOString(),
    });
    if (!(await this.catalogues.insert(next))) {
      throw new DomainError(
        'COACHING.CATALOGUE_CHANGED',
        'conflict',
        'Somebody else edited this catalogue meanwhile; reload and try again.',
      );
    }
    return next;
  }

  /**
   * Staff read their own organisations' catalogues, managers those of organisations in their region
   * (known from the participants' events); anything else answers 404, as if it did not exist.
   */
  private async assertCanRead(principal: Principal, organisationId: string): Promise<void> {
    if (principal.role === 'ADMIN') return;
    const regionId = principal.role === 'REGIONAL_MANAGER' ? await this.roster.regionOf(organisationId) : '';
    if (!canAccess(principal, { organisationId, regionId: regionId ?? '' })) {
      throw new DomainError(
        'COACHING.CATALOGUE_NOT_FOUND',
        'not-found',
        'There is no such catalogue in your organisations.',
      );
    }
  }
}
