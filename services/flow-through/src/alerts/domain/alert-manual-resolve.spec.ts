import { clearAlertCause, openAlertOf, raiseAlert, reopenAlert, resolveAlertManually } from './alert';
import { at, lowHours, withOpenLowHours } from '../../../test/alert-fixture';

describe('resolving by hand with a reason, and undoing it', () => {
  const resolvedAt = '2026-11-12T08:00:00.000Z';
  const resolvedByHand = () =>
    resolveAlertManually(
      withOpenLowHours(),
      'LOW_HOURS',
      '  Werkt sinds maandag bij een nieuwe werkgever  ',
      at(resolvedAt, 'manager-kempen'),
    ).state;

  it('keeps the reason, trimmed, in the history and never in the event', () => {
    const { state, facts } = resolveAlertManually(
      withOpenLowHours(),
      'LOW_HOURS',
      '  Werkt sinds maandag bij een nieuwe werkgever  ',
      at(resolvedAt, 'manager-kempen'),
    );
    expect(state.alerts[0].history.at(-1)).toEqual({
      action: 'RESOLVED',
      at: resolvedAt,
      by: 'manager-kempen',
      status: 'RESOLVED',
      severity: 'MEDIUM',
      reason: 'Werkt sinds maandag bij een nieuwe werkgever',
      until: null,
      resolution: 'MANUAL',
    });
    expect(JSON.stringify(facts)).not.toContain('werkgever');
  });

  it.each([
    ['empty', '   '],
    ['too long', 'x'.repeat(501)],
  ])('refuses a resolution whose reason is %s, and changes nothing', (_what, reason) => {
    const open = withOpenLowHours();
    expect(() => resolveAlertManually(open, 'LOW_HOURS', reason, at(resolvedAt, 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.RESOLVE_REASON_REQUIRED' }),
    );
    expect(open.alerts[0].status).toBe('OPEN');
  });

  it('reopens a manual resolution within 24 hours: the same alert, open again, announced as raised again', () => {
    const { state, facts, changes } = reopenAlert(
      resolvedByHand(),
      'LOW_HOURS',
      at('2026-11-13T07:59:59.000Z', 'manager-kempen'),
    );
    expect(state.alerts).toHaveLength(1);
    expect(state.alerts[0]).toMatchObject({
      id: 'alert-1',
      status: 'OPEN',
      resolvedAt: null,
      resolution: null,
      raisedAt: '2026-11-10T23:00:00.000Z',
    });
    expect(state.alerts[0].history.map((t) => [t.action, t.by, t.status])).toEqual([
      ['RAISED', 'system', 'OPEN'],
      ['RESOLVED', 'manager-kempen', 'RESOLVED'],
      ['REOPENED', 'manager-kempen', 'OPEN'],
    ]);
    // The KPI read model counts open alerts from alert.raised/alert.resolved: the same id comes back.
    expect(facts).toEqual([
      {
        type: 'alert.raised',
        version: 1,
        participantId: 'p-1',
        data: {
          alertId: 'alert-1',
          participantId: 'p-1',
          organisationId: 'org-neteland',
          regionId: 'region-kempen',
          kind: 'LOW_HOURS',
          severity: 'MEDIUM',
          raisedAt: '2026-11-10T23:00:00.000Z',
        },
      },
    ]);
    expect(changes.map((c) => c.type)).toEqual(['REOPENED']);
    expect(openAlertOf(state, 'LOW_HOURS')?.id).toBe('alert-1');
  });

  it('refuses to reopen after the window', () => {
    expect(() => reopenAlert(resolvedByHand(), 'LOW_HOURS', at('2026-11-13T08:00:01.000Z', 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.REOPEN_WINDOW_PASSED' }),
    );
  });

  it('refuses to reopen an alert its cause resolved', () => {
    const cleared = clearAlertCause(
      withOpenLowHours(),
      { participantId: 'p-1', kind: 'LOW_HOURS' },
      at(resolvedAt),
    ).state;
    expect(() => reopenAlert(cleared, 'LOW_HOURS', at('2026-11-12T09:00:00.000Z', 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.NOT_REOPENABLE' }),
    );
  });

  it('refuses to reopen once a newer alert of that kind was raised', () => {
    const again = raiseAlert(resolvedByHand(), lowHours('HIGH'), at('2026-11-12T09:00:00.000Z'), () => 'alert-2').state;
    expect(() => reopenAlert(again, 'LOW_HOURS', at('2026-11-12T10:00:00.000Z', 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.INVALID_TRANSITION' }),
    );
    const resolvedAgain = resolveAlertManually(again, 'LOW_HOURS', 'Opgevolgd', at('2026-11-12T10:00:00.000Z', 'm'));
    // Undo concerns the latest resolution: the newer alert, never the older one behind it.
    const { state } = reopenAlert(resolvedAgain.state, 'LOW_HOURS', at('2026-11-12T11:00:00.000Z', 'm'));
    expect(state.alerts.map((a) => [a.id, a.status])).toEqual([
      ['alert-1', 'RESOLVED'],
      ['alert-2', 'OPEN'],
    ]);
  });

  it('refuses to reopen an alert that is not resolved, and answers not found for a kind never raised', () => {
    expect(() => reopenAlert(withOpenLowHours(), 'LOW_HOURS', at(resolvedAt, 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.INVALID_TRANSITION' }),
    );
    expect(() => reopenAlert(withOpenLowHours(), 'COACHING_GAP', at(resolvedAt, 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.NOT_FOUND' }),
    );
  });
});
