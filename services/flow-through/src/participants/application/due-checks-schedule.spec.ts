import { addDays } from '@stapsteen/calendar';
import { PLANNED_END, open, setUp, storeStartedParticipant } from '../../../test/due-alerts-fixture';

describe('the timer’s schedule of due checks', () => {
  it('checks a participant on the day one of the rules can answer differently, not before', async () => {
    const { participants, alerts, checks, tasks, setToday } = setUp('2026-11-01');
    await storeStartedParticipant(participants);
    await checks.check('p-1'); // as after the participant's last write
    tasks.last = '2026-11-01';
    const firstDay = addDays(PLANNED_END, -60);
    expect(await tasks.scheduledOn(firstDay)).toEqual(['p-1']);

    setToday(addDays(firstDay, -1));
    expect(await checks.runScheduled()).toEqual({ checked: 0, failed: 0 });
    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([]);

    setToday(firstDay);
    expect(await checks.runScheduled()).toEqual({ checked: 1, failed: 0 });
    expect(open(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN'))).toHaveLength(1);
    expect(await tasks.scheduledOn(firstDay)).toEqual([]);
    expect(tasks.last).toBe(firstDay);
    // The next day that matters: the day after the planned end, when it becomes overdue.
    expect(tasks.entries.get('p-1')?.nextCheckOn).toBe(addDays(PLANNED_END, 1));
  });

  it('checks everybody once on its very first run, for participants from before the schedule', async () => {
    const { participants, alerts, checks, tasks } = setUp(addDays(PLANNED_END, -30));
    await storeStartedParticipant(participants, 'p-1');
    await storeStartedParticipant(participants, 'p-2');

    expect(await checks.runScheduled()).toEqual({ checked: 2, failed: 0 });
    expect(open(alerts.alertsOf('p-2', 'TRAJECTORY_ENDING_NO_PLAN'))).toHaveLength(1);
    expect(tasks.last).toBe(addDays(PLANNED_END, -30));
  });
});
