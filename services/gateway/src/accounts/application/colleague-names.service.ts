import { ColleagueName, MAX_NAME_IDS, NameAsker, VisibleOrganisation, mayNameUser } from '../domain/colleague-names';
import type { UserStore } from './ports';

export const VISIBLE_ORGANISATIONS = Symbol('VISIBLE_ORGANISATIONS');

/** The organisations (with their regions) that the holder of an access token may see. */
export interface VisibleOrganisationsPort {
  /** null when they cannot be read now (the service is down): the token's scope then decides alone. */
  of(accessToken: string): Promise<VisibleOrganisation[] | null>;
}

/**
 * Display names of colleagues by user id, for screens that hold only ids (a participant's coach,
 * who changed an alert). Only names, only of users in the asker's scope; any other id is left out
 * exactly as an id that does not exist.
 */
export class ColleagueNamesService {
  constructor(
    private readonly users: UserStore,
    private readonly organisations: VisibleOrganisationsPort,
  ) {}

  async namesOf(asker: NameAsker, accessToken: string, ids: readonly string[]): Promise<ColleagueName[]> {
    const wanted = [...new Set(ids)].slice(0, MAX_NAME_IDS);
    if (wanted.length === 0) return [];
    // One `_id` read per id, alongside the directory: both are fast, neither waits for the other.
    const [users, visible] = await Promise.all([
      Promise.all(wanted.map((id) => this.users.byId(id))),
      asker.role === 'ADMIN' ? Promise.resolve(null) : this.organisations.of(accessToken),
    ]);
    return users
      .filter((user) => user !== null && mayNameUser(asker, user, visible))
      .map((user) => ({ id: user!.id, displayName: user!.displayName }));
  }
}
