import { TOPICS } from '@stapsteen/contracts';
import { daysAgo, eventually, monthsAgo, sendRaw } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { alertsFixture } from '../../test/alerts-fixture';

describe('handling a manager alert over HTTP: acknowledge, snooze, resolve and undo', () => {
  const alerts = alertsFixture();
  const { undoOrganisation, as, hoursEvent, flagged, lowHoursAlertsOf, http } = alerts;
  const { kempen } = alerts.ids;

  it('lets the region’s manager acknowledge, snooze and resolve an alert, and refuses bad input as problem details', async () => {
    const participantId = randomUUID();
    await sendRaw(TOPICS.hours, [flagged(participantId, monthsAgo(2), 'HIGH')]);
    await eventually(
      () => lowHoursAlertsOf('managerKempen', participantId),
      (alerts) => alerts.length === 1,
      { what: 'the alert in the manager’s inbox' },
    );
    const url = `/alerts/${participantId}/LOW_HOURS`;

    const acknowledged = await http().post(`${url}/acknowledge`).set(as('managerKempen')).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'ACKNOWLEDGED' });

    const invalid = await http()
      .post(`${url}/snooze`)
      .set(as('managerKempen'))
      .send({ reason: 'Op verlof', until: '31/12/2026', extra: true })
      .expect(400);
    expect(invalid.body).toMatchObject({ code: 'REQUEST.INVALID' });

    // Two weeks after the service's today (the test clock), whatever the real date.
    const until = daysAgo(-14);
    const snoozed = await http()
      .post(`${url}/snooze`)
      .set(as('managerKempen'))
      .send({ reason: 'Op verlof', until })
      .expect(200);
    expect(snoozed.body).toMatchObject({ status: 'SNOOZED', snoozedUntil: until, snoozeReason: 'Op verlof' });

    const resolved = await http()
      .post(`${url}/resolve`)
      .set(as('managerKempen'))
      .send({ reason: 'Terug aan het werk' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolution: 'MANUAL' });
    expect(resolved.body.history.map((t: { action: string; by: string }) => [t.action, t.by])).toEqual([
      ['RAISED', 'system'],
      ['ACKNOWLEDGED', 'manager-kempen'],
      ['SNOOZED', 'manager-kempen'],
      ['RESOLVED', 'manager-kempen'],
    ]);

    const again = await http().post(`${url}/acknowledge`).set(as('managerKempen')).expect(422);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body.code).toBe('ALERT.INVALID_TRANSITION');
    await http().get(`/alerts/${participantId}/NO_SUCH_KIND`).set(as('managerKempen')).expect(400);
  });

  it('resolves with a reason kept in the history, undoes it, and the dashboard counts the alert as open again', async () => {
    const participantId = randomUUID();
    const scope = { organisationId: undoOrganisation, regionId: kempen };
    // The dashboard counts the alerts of the organisations it knows.
    await http()
      .put('/organisations')
      .set(as('admin'))
      .send({ id: undoOrganisation, name: 'Organisatie ongedaan maken', kind: 'WIJK_WERK', regionId: kempen })
      .expect(200);
    await sendRaw(TOPICS.hours, [flagged(participantId, monthsAgo(2), 'HIGH', scope)]);
    const url = `/alerts/${participantId}/LOW_HOURS`;
    const counts = async () => {
      const dashboard = (await http().get('/kpis/alerts').set(as('undo')).expect(200)).body.kinds as Array<{
        kind: string;
        open: number;
      }>;
      const summary = (await http().get('/kpis/summary').set(as('undo')).expect(200)).body;
      const inbox = (await http().get('/alerts').set(as('undo')).expect(200)).body.total;
      return {
        dashboardLowHours: dashboard.find((k) => k.kind === 'LOW_HOURS')?.open,
        summary: summary.openAlerts as number,
        inbox: inbox as number,
      };
    };
    await eventually(counts, (c) => c.dashboardLowHours === 1 && c.inbox === 1 && c.summary === 1, {
      what: 'the alert open in the inbox and on the dashboard',
    });

    const missing = await http().post(`${url}/resolve`).set(as('managerKempen')).send({}).expect(400);
    expect(missing.body).toMatchObject({ code: 'REQUEST.INVALID' });
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const blank = await http().post(`${url}/resolve`).set(as('managerKempen')).send({ reason: '   ' }).expect(400);
    expect(blank.body.code).toBe('ALERT.RESOLVE_REASON_REQUIRED');
    expect((await http().get(url).set(as('managerKempen')).expect(200)).body.status).toBe('OPEN');

    const resolved = await http()
      .post(`${url}/resolve`)
      .set(as('managerKempen'))
      .send({ reason: 'Werkt sinds maandag bij een nieuwe werkgever' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolution: 'MANUAL' });
    expect(resolved.body.history.at(-1)).toMatchObject({
      action: 'RESOLVED',
      by: 'manager-kempen',
      reason: 'Werkt sinds maandag bij een nieuwe werkgever',
      resolution: 'MANUAL',
    });
    await eventually(counts, (c) => c.dashboardLowHours === 0 && c.inbox === 0 && c.summary === 0, {
      what: 'the resolved alert counted by neither the inbox nor the dashboard',
    });

    const reopened = await http().post(`${url}/reopen`).set(as('managerKempen')).expect(200);
    expect(reopened.body).toMatchObject({ id: resolved.body.id, status: 'OPEN', resolution: null, resolvedAt: null });
    expect(reopened.body.history.map((t: { action: string; by: string }) => [t.action, t.by])).toEqual([
      ['RAISED', 'system'],
      ['RESOLVED', 'manager-kempen'],
      ['REOPENED', 'manager-kempen'],
    ]);
    expect(await eventually(counts, (c) => c.dashboardLowHours === 1, { what: 'the reopened alert counted' })).toEqual({
      dashboardLowHours: 1,
      summary: 1,
      inbox: 1,
    });
    // Undone once: there is nothing resolved left to undo.
    const twice = await http().post(`${url}/reopen`).set(as('managerKempen')).expect(422);
    expect(twice.body.code).toBe('ALERT.INVALID_TRANSITION');

    // Resolved because its cause cleared: the cause is gone, so there is nothing to undo.
    await sendRaw(TOPICS.hours, [
      hoursEvent(
        'participant.low-hours-cleared',
        participantId,
        { month: monthsAgo(1), countedHours: 21, targetHours: 20 },
        scope,
      ),
    ]);
    await eventually(
      () => http().get(url).set(as('managerKempen')).expect(200),
      (response) => response.body.resolution === 'CAUSE_CLEARED',
      { what: 'the alert resolved by its cause' },
    );
    const refused = await http().post(`${url}/reopen`).set(as('managerKempen')).expect(422);
    expect(refused.body.code).toBe('ALERT.NOT_REOPENABLE');
  });
});
