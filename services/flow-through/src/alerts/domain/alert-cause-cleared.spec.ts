import { clearAlertCause, raiseAlert } from './alert';
import { at, gap, ids, withOpenLowHours } from '../../../test/alert-fixture';

describe('an alert resolving itself', () => {
  it('resolves the low-hours alert with CAUSE_CLEARED when the flag is cleared', () => {
    const { state, facts } = clearAlertCause(
      withOpenLowHours(),
      { participantId: 'p-1', kind: 'LOW_HOURS' },
      at('2026-12-10T23:00:00.000Z'),
    );
    expect(state.alerts[0]).toMatchObject({
      status: 'RESOLVED',
      resolution: 'CAUSE_CLEARED',
      resolvedAt: '2026-12-10T23:00:00.000Z',
    });
    expect(facts).toEqual([
      expect.objectContaining({
        type: 'alert.resolved',
        data: expect.objectContaining({ alertId: 'alert-1', resolution: 'CAUSE_CLEARED' }),
      }),
    ]);
  });

  it('does nothing when a clearance finds no open alert', () => {
    const { facts, changes } = clearAlertCause(
      null,
      { participantId: 'p-1', kind: 'LOW_HOURS' },
      at('2026-12-10T23:00:00.000Z'),
    );
    expect([facts, changes]).toEqual([[], []]);
  });

  it('keeps a coaching-gap alert open while another gap of the participant is still open', () => {
    const one = raiseAlert(null, gap('gap-1'), at('2026-11-10T09:00:00.000Z'), ids()).state;
    const two = raiseAlert(one, gap('gap-2'), at('2026-11-11T09:00:00.000Z'), ids()).state;
    const { state, facts } = clearAlertCause(
      two,
      { participantId: 'p-1', kind: 'COACHING_GAP', gapId: 'gap-1' },
      at('2026-11-12T09:00:00.000Z'),
    );
    expect(state.alerts[0]).toMatchObject({ status: 'OPEN', openGapIds: ['gap-2'] });
    expect(facts.some((f) => f.type === 'alert.resolved')).toBe(false);
  });

  it('resolves the coaching-gap alert when its last open gap closes', () => {
    const one = raiseAlert(null, gap('gap-1'), at('2026-11-10T09:00:00.000Z'), ids()).state;
    const { state } = clearAlertCause(
      one,
      { participantId: 'p-1', kind: 'COACHING_GAP', gapId: 'gap-1' },
      at('2026-11-12T09:00:00.000Z'),
    );
    expect(state.alerts[0]).toMatchObject({ status: 'RESOLVED', resolution: 'CAUSE_CLEARED', openGapIds: [] });
  });

  it('makes a coaching-gap alert high with two gaps open and medium again when one closes', () => {
    const one = raiseAlert(null, gap('gap-1'), at('2026-11-10T09:00:00.000Z'), ids()).state;
    const two = raiseAlert(one, gap('gap-2'), at('2026-11-11T09:00:00.000Z'), ids()).state;
    expect(two.alerts[0].severity).toBe('HIGH');
    const back = clearAlertCause(
      two,
      { participantId: 'p-1', kind: 'COACHING_GAP', gapId: 'gap-2' },
      at('2026-11-12T09:00:00.000Z'),
    ).state;
    expect(back.alerts[0].severity).toBe('MEDIUM');
  });

  it('ignores the closing of a gap the alert does not hold', () => {
    const one = raiseAlert(null, gap('gap-1'), at('2026-11-10T09:00:00.000Z'), ids()).state;
    const { changes } = clearAlertCause(
      one,
      { participantId: 'p-1', kind: 'COACHING_GAP', gapId: 'gap-9' },
      at('2026-11-12T09:00:00.000Z'),
    );
    expect(changes).toEqual([]);
  });
});
