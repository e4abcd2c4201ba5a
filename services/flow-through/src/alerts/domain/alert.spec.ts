import {
  Moment,
  ParticipantAlerts,
  RaiseCause,
  acknowledgeAlert,
  clearAlertCause,
  openAlertOf,
  raiseAlert,
  reopenAlert,
  resolveAlertManually,
  snoozeAlert,
  statusOn,
} from './alert';

const at = (now: string, by = 'system'): Moment => ({ now, today: now.slice(0, 10), by });
const ids = () => {
  let n = 0;
  return () => `alert-${++n}`;
};
const lowHours = (severity: 'MEDIUM' | 'HIGH' = 'MEDIUM', month = '2026-10'): RaiseCause => ({
  participantId: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  kind: 'LOW_HOURS',
  severity,
  facts: { month, countedHours: 12, targetHours: 20 },
});
const gap = (gapId: string): RaiseCause => ({
  participantId: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  kind: 'COACHING_GAP',
  severity: 'MEDIUM',
  gapId,
});

function withOpenLowHours(severity: 'MEDIUM' | 'HIGH' = 'MEDIUM'): ParticipantAlerts {
  return raiseAlert(null, lowHours(severity), at('2026-11-10T23:00:00.000Z'), ids()).state;
}

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
