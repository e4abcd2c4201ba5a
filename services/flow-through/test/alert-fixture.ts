import { Moment, ParticipantAlerts, RaiseCause, raiseAlert } from '../src/alerts/domain/alert';

/**
 * The set-up shared by the unit specs of the alert rules (services/flow-through/src/alerts/domain):
 * a moment someone acts at, alert ids, and the causes a participant's alerts are raised from.
 */

export const at = (now: string, by = 'system'): Moment => ({ now, today: now.slice(0, 10), by });
export const ids = () => {
  let n = 0;
  return () => `alert-${++n}`;
};
export const lowHours = (severity: 'MEDIUM' | 'HIGH' = 'MEDIUM', month = '2026-10'): RaiseCause => ({
  participantId: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  kind: 'LOW_HOURS',
  severity,
  facts: { month, countedHours: 12, targetHours: 20 },
});
export const gap = (gapId: string): RaiseCause => ({
  participantId: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  kind: 'COACHING_GAP',
  severity: 'MEDIUM',
  gapId,
});

export function withOpenLowHours(severity: 'MEDIUM' | 'HIGH' = 'MEDIUM'): ParticipantAlerts {
  return raiseAlert(null, lowHours(severity), at('2026-11-10T23:00:00.000Z'), ids()).state;
}
