import type { GatewaySchemas } from '../api-types';

/** A user's role, as the gateway's user answers have it. */
export type Role = GatewaySchemas['UserView']['role'];

/** Which roles may open which screens; the API refuses the data anyway, the screen should not show either. */
export const ROUTE_ROLES: Array<{ prefix: string; roles: Role[] }> = [
  { prefix: '/organiser', roles: ['ORGANISER'] },
  { prefix: '/coach', roles: ['COACH'] },
  { prefix: '/manager/alerts', roles: ['REGIONAL_MANAGER'] },
  { prefix: '/manager', roles: ['REGIONAL_MANAGER', 'ADMIN'] },
  { prefix: '/admin', roles: ['ADMIN'] },
];

/** Whether a role may open a path: the first (most specific listed) prefix decides; unlisted paths are open. */
export function mayOpen(role: Role, pathname: string): boolean {
  const rule = ROUTE_ROLES.find((r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`));
  return !rule || rule.roles.includes(role);
}
