import { clearAlertCause, raiseAlert } from './alert';
import { at, gap, ids, lowHours, withOpenLowHours } from '../../../test/alert-fixture';

describe('raising an alert', () => {
  it('opens an alert of that kind and announces it with alert.raised', () => {
    const { state, facts, changes } = raiseAlert(null, lowHours(), at('2026-11-10T23:00:00.000Z'), ids());
    expect(state.alerts).toEqual([
      expect.objectContaining({ id: 'alert-1', kind: 'LOW_HOURS', status: 'OPEN', severity: 'MEDIUM' }),
    ]);
    expect(facts).toEqual([
      expect.objectContaining({
        type: 'alert.raised',
        participantId: 'p-1',
        data: expect.objectContaining({
          alertId: 'alert-1',
          kind: 'LOW_HOURS',
          severity: 'MEDIUM',
          regionId: 'region-kempen',
        }),
      }),
    ]);
    expect(changes.map((c) => c.type)).toEqual(['RAISED']);
  });

  it('updates the open alert of that kind instead of opening a second one', () => {
    const { state } = raiseAlert(
      withOpenLowHours(),
      lowHours('MEDIUM', '2026-11'),
      at('2026-12-10T23:00:00.000Z'),
      ids(),
    );
    expect(state.alerts).toHaveLength(1);
    expect(state.alerts[0]).toMatchObject({
      lastSeenAt: '2026-12-10T23:00:00.000Z',
      raisedAt: '2026-11-10T23:00:00.000Z',
      facts: expect.objectContaining({ month: '2026-11' }),
    });
  });

  it('raises the severity to high from the second month below target and announces the new severity', () => {
    const { state, facts } = raiseAlert(
      withOpenLowHours('MEDIUM'),
      lowHours('HIGH'),
      at('2026-12-10T23:00:00.000Z'),
      ids(),
    );
    expect(state.alerts[0].severity).toBe('HIGH');
    expect(facts).toEqual([
      expect.objectContaining({
        type: 'alert.raised',
        data: expect.objectContaining({ alertId: 'alert-1', severity: 'HIGH' }),
      }),
    ]);
  });

  it('publishes nothing when a repeated report leaves the severity as it was', () => {
    const { facts } = raiseAlert(withOpenLowHours('HIGH'), lowHours('HIGH'), at('2026-12-10T23:00:00.000Z'), ids());
    expect(facts).toEqual([]);
  });

  it('opens a new alert when the cause returns after the previous one was resolved', () => {
    const resolved = clearAlertCause(
      withOpenLowHours(),
      { participantId: 'p-1', kind: 'LOW_HOURS' },
      at('2026-12-10T23:00:00.000Z'),
    ).state;
    const { state } = raiseAlert(resolved, lowHours(), at('2027-01-10T23:00:00.000Z'), () => 'alert-2');
    expect(state.alerts.map((a) => [a.id, a.status])).toEqual([
      ['alert-1', 'RESOLVED'],
      ['alert-2', 'OPEN'],
    ]);
  });

  it('keeps one alert of each kind open side by side', () => {
    const { state } = raiseAlert(withOpenLowHours(), gap('gap-1'), at('2026-11-11T09:00:00.000Z'), () => 'alert-2');
    expect(state.alerts.map((a) => a.kind)).toEqual(['LOW_HOURS', 'COACHING_GAP']);
  });

  it('records who raised it and when in the history', () => {
    expect(withOpenLowHours().alerts[0].history).toEqual([
      expect.objectContaining({ action: 'RAISED', by: 'system', at: '2026-11-10T23:00:00.000Z', status: 'OPEN' }),
    ]);
  });
});
