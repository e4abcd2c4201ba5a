import { TOPICS } from '@stapsteen/contracts';
import { eventually, monthsAgo, sendRaw, waitForMessage } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { alertsFixture } from '../../test/alerts-fixture';

describe('manager alerts from the hours events, over HTTP and real Kafka', () => {
  const alerts = alertsFixture();
  const { suffix, as, hoursEvent, flagged, lowHoursAlertsOf, openStream, http } = alerts;
  const { kempen, gent, neteland } = alerts.ids;

  it('turns a low-hours flag into one alert, even delivered twice, and resolves it when the flag clears', async () => {
    const participantId = randomUUID();
    const first = flagged(participantId, monthsAgo(3), 'MEDIUM');
    await sendRaw(TOPICS.hours, [first]);

    const [alert] = await eventually(
      () => lowHoursAlertsOf('managerKempen', participantId),
      (alerts) => alerts.length === 1,
      { what: 'the low-hours alert in the manager’s inbox' },
    );
    expect(alert).toMatchObject({
      kind: 'LOW_HOURS',
      status: 'OPEN',
      severity: 'MEDIUM',
      ageDays: 0,
      organisationId: neteland,
    });
    const raised = await waitForMessage(
      TOPICS.alerts,
      (m) => m.key === participantId && JSON.parse(m.value).type === 'alert.raised',
    );
    expect(JSON.parse(raised.value).data).toMatchObject({ kind: 'LOW_HOURS', regionId: kempen, severity: 'MEDIUM' });

    // The same message again, then the next month's flag on the same partition: once that shows,
    // the redelivery before it has been consumed too.
    await sendRaw(TOPICS.hours, [first, flagged(participantId, monthsAgo(2), 'HIGH')]);
    const updated = await eventually(
      () => http().get(`/alerts/${participantId}/LOW_HOURS`).set(as('managerKempen')).expect(200),
      (response) => response.body.severity === 'HIGH',
      { what: 'the alert updated to high severity' },
    );
    expect(updated.body.history.map((t: { action: string }) => t.action)).toEqual(['RAISED', 'UPDATED']);
    expect(await lowHoursAlertsOf('managerKempen', participantId)).toHaveLength(1);

    await sendRaw(TOPICS.hours, [
      hoursEvent('participant.low-hours-cleared', participantId, {
        month: monthsAgo(1),
        countedHours: 21,
        targetHours: 20,
      }),
    ]);
    const resolved = await eventually(
      () => http().get(`/alerts/${participantId}/LOW_HOURS`).set(as('managerKempen')).expect(200),
      (response) => response.body.status === 'RESOLVED',
      { what: 'the alert resolved' },
    );
    expect(resolved.body).toMatchObject({ resolution: 'CAUSE_CLEARED', id: alert.id });
    const published = await waitForMessage(
      TOPICS.alerts,
      (m) => m.key === participantId && JSON.parse(m.value).type === 'alert.resolved',
    );
    expect(JSON.parse(published.value)).toMatchObject({
      producer: 'flow-through',
      data: { alertId: alert.id, kind: 'LOW_HOURS', resolution: 'CAUSE_CLEARED', regionId: kempen },
    });
  });

  it('shows a region’s alerts to nobody outside it: another region’s manager sees nothing, another organisation gets 404', async () => {
    const participantId = randomUUID();
    await sendRaw(TOPICS.hours, [flagged(participantId, monthsAgo(2), 'HIGH')]);
    await eventually(
      () => lowHoursAlertsOf('neteland', participantId),
      (alerts) => alerts.length === 1,
      { what: 'the alert in the organisation’s inbox' },
    );

    expect(await lowHoursAlertsOf('managerGent', participantId)).toEqual([]);
    // One participant's alerts by id: theirs for their organisation, nothing for another one.
    const byParticipant = (who: string) =>
      http().get(`/alerts?participantId=${participantId}`).set(as(who)).expect(200);
    expect((await byParticipant('neteland')).body.items.map((a: { kind: string }) => a.kind)).toEqual(['LOW_HOURS']);
    expect((await byParticipant('herentals')).body).toEqual({ items: [], total: 0 });
    await http().get(`/alerts/${participantId}/LOW_HOURS`).set(as('managerGent')).expect(404);
    const hidden = await http().get(`/alerts/${participantId}/LOW_HOURS`).set(as('herentals')).expect(404);
    expect(hidden.body.code).toBe('ALERT.NOT_FOUND');
    await http().post(`/alerts/${participantId}/LOW_HOURS/acknowledge`).set(as('herentals')).expect(404);
  });

  it('streams changes live to the region’s manager and to no other region', async () => {
    const kempenStream = await openStream('managerKempen');
    const gentStream = await openStream('managerGent');
    try {
      const inKempen = randomUUID();
      await sendRaw(TOPICS.hours, [flagged(inKempen, monthsAgo(2), 'MEDIUM')]);
      await eventually(
        async () => kempenStream.events,
        (events) => events.some((e) => e.type === 'RAISED' && e.data.participantId === inKempen),
        { what: 'the raise on the Kempen manager’s stream' },
      );

      // A Gent alert afterwards: the server writes to one stream in order, so once Gent's own
      // alert has arrived, the Kempen one would have arrived before it, had it been sent.
      const inGent = randomUUID();
      await sendRaw(TOPICS.hours, [
        flagged(inGent, monthsAgo(2), 'MEDIUM', { organisationId: `org-gent-${suffix}`, regionId: gent }),
      ]);
      await eventually(
        async () => gentStream.events,
        (events) => events.some((e) => e.data.participantId === inGent),
        { what: 'the raise on the Gent manager’s stream' },
      );
      expect(gentStream.events.map((e) => e.data.participantId)).not.toContain(inKempen);
      expect(kempenStream.events.map((e) => e.data.participantId)).not.toContain(inGent);
    } finally {
      kempenStream.close();
      gentStream.close();
    }
  });
});
