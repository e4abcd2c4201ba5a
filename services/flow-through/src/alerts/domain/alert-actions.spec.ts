import { acknowledgeAlert, openAlertOf, raiseAlert, resolveAlertManually } from './alert';
import { at, ids, lowHours, withOpenLowHours } from '../../../test/alert-fixture';

describe('what people do with an alert', () => {
  it('lets a manager acknowledge an open alert and records who did it', () => {
    const { state } = acknowledgeAlert(
      withOpenLowHours(),
      'LOW_HOURS',
      at('2026-11-12T08:00:00.000Z', 'manager-kempen'),
    );
    expect(state.alerts[0].status).toBe('ACKNOWLEDGED');
    expect(state.alerts[0].history.at(-1)).toMatchObject({ action: 'ACKNOWLEDGED', by: 'manager-kempen' });
  });

  it('refuses to acknowledge an alert twice', () => {
    const acknowledged = acknowledgeAlert(withOpenLowHours(), 'LOW_HOURS', at('2026-11-12T08:00:00.000Z', 'm')).state;
    expect(() => acknowledgeAlert(acknowledged, 'LOW_HOURS', at('2026-11-13T08:00:00.000Z', 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.INVALID_TRANSITION' }),
    );
  });

  it('refuses to change a resolved alert', () => {
    const resolved = resolveAlertManually(
      withOpenLowHours(),
      'LOW_HOURS',
      'Opgevolgd',
      at('2026-11-12T08:00:00.000Z', 'm'),
    ).state;
    expect(() => acknowledgeAlert(resolved, 'LOW_HOURS', at('2026-11-13T08:00:00.000Z', 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.INVALID_TRANSITION' }),
    );
  });

  it('answers not found for a kind the participant never had an alert of', () => {
    expect(() => acknowledgeAlert(withOpenLowHours(), 'COACHING_GAP', at('2026-11-12T08:00:00.000Z', 'm'))).toThrow(
      expect.objectContaining({ code: 'ALERT.NOT_FOUND' }),
    );
  });

  it('resolves by hand with resolution MANUAL and announces it', () => {
    const { state, facts } = resolveAlertManually(
      withOpenLowHours(),
      'LOW_HOURS',
      'Opgevolgd',
      at('2026-11-12T08:00:00.000Z', 'manager-kempen'),
    );
    expect(state.alerts[0]).toMatchObject({ status: 'RESOLVED', resolution: 'MANUAL' });
    expect(state.alerts[0].history.at(-1)).toMatchObject({
      action: 'RESOLVED',
      by: 'manager-kempen',
      resolution: 'MANUAL',
    });
    expect(facts[0]).toMatchObject({ type: 'alert.resolved', data: expect.objectContaining({ resolution: 'MANUAL' }) });
  });

  it('acknowledging an alert takes it out of the open state but keeps it the one open alert of its kind', () => {
    const acknowledged = acknowledgeAlert(withOpenLowHours(), 'LOW_HOURS', at('2026-11-12T08:00:00.000Z', 'm')).state;
    const { state } = raiseAlert(acknowledged, lowHours('HIGH'), at('2026-12-10T23:00:00.000Z'), ids());
    expect(state.alerts).toHaveLength(1);
    expect(openAlertOf(state, 'LOW_HOURS')).toMatchObject({ status: 'ACKNOWLEDGED', severity: 'HIGH' });
  });
});
