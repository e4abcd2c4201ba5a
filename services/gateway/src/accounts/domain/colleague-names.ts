import type { Role, User } from './user';

/** Who asks for names: a signed-in user's role and scope (as in their access token). */
export interface NameAsker {
  userId: string;
  role: Role;
  organisationIds: string[];
  regionId: string | null;
}

/** An organisation the asker may see, with its region (flow-through's directory answers these). */
export interface VisibleOrganisation {
  id: string;
  regionId: string;
}

/** What the names lookup tells about a user: the name a screen shows, nothing else. */
export interface ColleagueName {
  id: string;
  displayName: string;
}

/** At most this many ids in one lookup (a page of the inbox names far fewer). */
export const MAX_NAME_IDS = 100;

/**
 * Whether the asker may see this user's name: themself; anyone for an administrator; otherwise a
 * user who works for an organisation the asker may see, or who manages a region of those
 * organisations (or the asker's own region). Administrators have no scope and are named to
 * administrators only. Everyone else is unknown to the asker, as an id that does not exist.
 *
 * `visible` is the asker's organisations with their regions; when the directory could not be read
 * it is null and the asker's token scope alone decides (their organisations and region).
 */
export function mayNameUser(asker: NameAsker, user: User, visible: VisibleOrganisation[] | null): boolean {
  if (user.id === asker.userId || asker.role === 'ADMIN') return true;
  if (user.role === 'ADMIN') return false;
  const organisations = new Set(visible ? visible.map((o) => o.id) : asker.organisationIds);
  const regions = new Set(visible ? visible.map((o) => o.regionId) : []);
  if (asker.role === 'REGIONAL_MANAGER' && asker.regionId) regions.add(asker.regionId);
  if (user.organisationIds.some((id) => organisations.has(id))) return true;
  return user.role === 'REGIONAL_MANAGER' && user.regionId !== null && regions.has(user.regionId);
}
