import { describe, expect, it } from '@jest/globals';
import { reopenableUntil } from './alerts-rules';

const resolvedAt = '2026-12-04T10:00:00.000Z';
const alert = {
  id: 'a-1',
  participantId: 'p-1',
  kind: 'LOW_HOURS',
  status: 'RESOLVED',
  resolution: 'MANUAL',
  resolvedAt,
  raisedAt: '2026-11-01T00:00:05.000Z',
};

describe('undoing a resolution from the inbox (the service reopens a manual one for 24 hours)', () => {
  it('is offered until 24 hours after the resolution, to the millisecond, and not after', () => {
    expect(reopenableUntil(alert, new Date('2026-12-04T10:00:01.000Z'))?.toISOString()).toBe(
      '2026-12-05T10:00:00.000Z',
    );
    expect(reopenableUntil(alert, new Date('2026-12-05T10:00:00.000Z'))?.toISOString()).toBe(
      '2026-12-05T10:00:00.000Z',
    );
    expect(reopenableUntil(alert, new Date('2026-12-05T10:00:00.001Z'))).toBeNull();
  });

  it('is not offered for an alert whose cause cleared, nor for one that is not resolved', () => {
    const now = new Date('2026-12-04T11:00:00.000Z');
    expect(reopenableUntil({ ...alert, resolution: 'CAUSE_CLEARED' }, now)).toBeNull();
    expect(reopenableUntil({ ...alert, status: 'OPEN', resolution: null, resolvedAt: null }, now)).toBeNull();
  });

  it('is not offered when a later alert of the same kind for the participant is on screen', () => {
    const now = new Date('2026-12-04T11:00:00.000Z');
    const later = { id: 'a-2', participantId: 'p-1', kind: 'LOW_HOURS', raisedAt: '2026-12-04T10:30:00.000Z' };
    expect(reopenableUntil(alert, now, [alert, later])).toBeNull();
    expect(reopenableUntil(alert, now, [alert, { ...later, kind: 'COACHING_GAP' }])).not.toBeNull();
    expect(reopenableUntil(alert, now, [alert, { ...later, participantId: 'p-2' }])).not.toBeNull();
  });
});
