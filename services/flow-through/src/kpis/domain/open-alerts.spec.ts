import { alertAgeBand, emptyOrganisationAlerts, openAlertFigures, raiseAlert, resolveAlert } from './open-alerts';

const dayOf = (instant: string) => instant.slice(0, 10);

describe('open alerts per organisation', () => {
  const start = emptyOrganisationAlerts('org-1');

  it('counts a raised alert once, also when the event comes twice', () => {
    const once = raiseAlert(start, 'a1', { kind: 'LOW_HOURS', raisedAt: '2026-11-01T08:00:00Z' });
    const twice = raiseAlert(once, 'a1', { kind: 'LOW_HOURS', raisedAt: '2026-11-01T08:00:00Z' });
    const lowHours = openAlertFigures([twice], '2026-11-03', dayOf).find((k) => k.kind === 'LOW_HOURS');
    expect(lowHours).toEqual({ kind: 'LOW_HOURS', open: 1, byAge: { '0-7': 1, '8-30': 0, '31+': 0 } });
  });

  it('no longer counts a resolved alert, and a second resolve changes nothing', () => {
    const raised = raiseAlert(start, 'a1', { kind: 'COACHING_GAP', raisedAt: '2026-11-01T08:00:00Z' });
    const resolved = resolveAlert(raised, 'a1');
    expect(resolveAlert(resolved, 'a1')).toBe(resolved);
    expect(openAlertFigures([resolved], '2026-11-03', dayOf).every((k) => k.open === 0)).toBe(true);
  });

  it('lists every kind, zeros included', () => {
    expect(openAlertFigures([], '2026-11-03', dayOf).map((k) => k.kind)).toEqual([
      'LOW_HOURS',
      'COACHING_GAP',
      'TRAJECTORY_ENDING_NO_PLAN',
      'EVALUATION_DUE',
      'FOLLOW_UP_DUE',
    ]);
  });

  it('bands ages at 7 and 30 days', () => {
    expect(
      ['2026-11-03', '2026-10-27', '2026-10-26', '2026-10-04', '2026-10-03'].map((d) => alertAgeBand(d, '2026-11-03')),
    ).toEqual(['0-7', '0-7', '8-30', '8-30', '31+']);
  });
});
