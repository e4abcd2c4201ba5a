import { acknowledgeAlert, clearAlertCause, raiseAlert, snoozeAlert, statusOn } from './alert';
import { at, ids, lowHours, withOpenLowHours } from '../../../test/alert-fixture';

describe('snoozing an alert', () => {
  const snoozed = () =>
    snoozeAlert(
      withOpenLowHours(),
      'LOW_HOURS',
      { reason: 'Op verlof tot eind december', until: '2026-12-31' },
      at('2026-11-12T08:00:00.000Z', 'manager-kempen'),
    ).state;

  it('keeps the reason and the date, and records them in the history', () => {
    expect(snoozed().alerts[0]).toMatchObject({
      status: 'SNOOZED',
      snoozedUntil: '2026-12-31',
      snoozeReason: 'Op verlof tot eind december',
    });
    expect(snoozed().alerts[0].history.at(-1)).toMatchObject({
      action: 'SNOOZED',
      by: 'manager-kempen',
      until: '2026-12-31',
    });
  });

  it('stays snoozed through its last day and is open again the day after', () => {
    const alert = snoozed().alerts[0];
    expect(statusOn(alert, '2026-12-31')).toBe('SNOOZED');
    expect(statusOn(alert, '2027-01-01')).toBe('OPEN');
  });

  it('stays quiet when its cause is reported again during the snooze', () => {
    const { state, changes } = raiseAlert(
      snoozed(),
      lowHours('MEDIUM', '2026-11'),
      at('2026-12-10T23:00:00.000Z'),
      ids(),
    );
    expect(state.alerts[0]).toMatchObject({ status: 'SNOOZED', lastSeenAt: '2026-12-10T23:00:00.000Z' });
    expect(changes).toEqual([]);
  });

  it('opens again when its cause is reported after the snooze ran out', () => {
    const { state, changes } = raiseAlert(
      snoozed(),
      lowHours('MEDIUM', '2026-12'),
      at('2027-01-10T23:00:00.000Z'),
      ids(),
    );
    expect(state.alerts[0]).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    expect(changes.map((c) => c.type)).toEqual(['UPDATED']);
  });

  it('refuses a snooze that ends today or earlier', () => {
    expect(() =>
      snoozeAlert(
        withOpenLowHours(),
        'LOW_HOURS',
        { reason: 'later', until: '2026-11-12' },
        at('2026-11-12T08:00:00.000Z', 'm'),
      ),
    ).toThrow(expect.objectContaining({ code: 'ALERT.SNOOZE_NOT_IN_FUTURE' }));
  });

  it('refuses a snooze beyond the longest allowed', () => {
    expect(() =>
      snoozeAlert(
        withOpenLowHours(),
        'LOW_HOURS',
        { reason: 'much later', until: '2027-06-01' },
        at('2026-11-12T08:00:00.000Z', 'm'),
        { maxSnoozeDays: 90 },
      ),
    ).toThrow(expect.objectContaining({ code: 'ALERT.SNOOZE_TOO_LONG' }));
  });

  it('still resolves itself when its cause clears during the snooze', () => {
    const { state } = clearAlertCause(
      snoozed(),
      { participantId: 'p-1', kind: 'LOW_HOURS' },
      at('2026-12-10T23:00:00.000Z'),
    );
    expect(state.alerts[0]).toMatchObject({ status: 'RESOLVED', resolution: 'CAUSE_CLEARED', snoozedUntil: null });
  });

  it('can be acknowledged during the snooze', () => {
    const { state } = acknowledgeAlert(snoozed(), 'LOW_HOURS', at('2026-11-20T08:00:00.000Z', 'm'));
    expect(state.alerts[0]).toMatchObject({ status: 'ACKNOWLEDGED', snoozedUntil: null });
  });
});
