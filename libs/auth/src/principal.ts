export const ROLES = ['ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: taken from a verified access token, never from the request body. */
export interface Principal {
  userId: string;
  role: Role;
  organisationIds: string[];
  regionId: string | null;
}
