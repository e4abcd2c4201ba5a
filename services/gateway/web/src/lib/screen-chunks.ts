/**
 * The screens loaded on first use, one module each (a chunk of the build). `preloadScreenFor` starts
 * the opened address's chunk at once, in parallel with the app's start-up requests.
 */
export const SCREENS = {
  admin: () => import('../screens/Admin'),
  coachParticipant: () => import('../screens/CoachParticipant'),
  dashboard: () => import('../screens/Dashboard'),
  drillDown: () => import('../screens/DrillDown'),
  enrol: () => import('../screens/Enrol'),
  groupSessions: () => import('../screens/GroupSessions'),
  import: () => import('../screens/Import'),
  participant: () => import('../screens/Participant'),
  participants: () => import('../screens/Participants'),
};

const BY_PATH: Array<[RegExp, keyof typeof SCREENS]> = [
  [/^\/admin\//, 'admin'],
  [/^\/coach\/participants\/[^/]+$/, 'coachParticipant'],
  [/^\/manager\/dashboard$/, 'dashboard'],
  [/^\/manager\/(organisations|participants)\//, 'drillDown'],
  [/^\/organiser\/enrol$/, 'enrol'],
  [/^\/coach\/group-sessions/, 'groupSessions'],
  [/^\/organiser\/import$/, 'import'],
  [/^\/organiser\/participants\/[^/]+$/, 'participant'],
  [/^\/organiser\/participants$/, 'participants'],
];

export function preloadScreenFor(pathname: string): void {
  const found = BY_PATH.find(([pattern]) => pattern.test(pathname));
  if (found) void SCREENS[found[1]]().catch(() => undefined);
}
