import { INestApplication } from '@nestjs/common';
import { createTestKeyPair, eventually, mintToken, startTestService } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

/** The services' today in this test (STAPSTEEN_TODAY): the test does not depend on the real date. */
const TODAY = '2027-03-05';

/** The first day of the month `back` months before TODAY's month, and that month. */
function monthsAgo(back: number): { month: string; firstDay: string; day: (d: number) => string } {
  const [y, m] = TODAY.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 - back, 1));
  const month = date.toISOString().slice(0, 7);
  return { month, firstDay: `${month}-01`, day: (d) => `${month}-${String(d).padStart(2, '0')}` };
}

/**
 * The whole low-hours path across services: flow-through enrols and starts a trajectory, hours
 * closes months in which the participant worked no hour, and the region's manager finds the alert
 * in flow-through; hours enough the next month resolve it. The organisation keeps the default rule
 * (flagged after two closed months in a row below target), so the first month alone raises nothing.
 */
describe('two months without hours become a manager alert, and enough hours resolve it', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-kempen-${suffix}`;
  const otherRegion = `region-gent-${suffix}`;
  const organisation = `org-neteland-${suffix}`;
  let flowThrough: INestApplication;
  let hours: INestApplication;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const todayBefore = process.env['STAPSTEEN_TODAY'];

  beforeAll(async () => {
    process.env['STAPSTEEN_TODAY'] = TODAY;
    [flowThrough, hours] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
    ]);
    tokens.admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    tokens.organiser = await mintToken(keys.privateKeyPem, {
      sub: 'organiser',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    tokens.manager = await mintToken(keys.privateKeyPem, {
      sub: 'manager',
      role: 'REGIONAL_MANAGER',
      orgIds: [],
      regionId: region,
    });
    tokens.otherManager = await mintToken(keys.privateKeyPem, {
      sub: 'manager-2',
      role: 'REGIONAL_MANAGER',
      orgIds: [],
      regionId: otherRegion,
    });
    await request(flowThrough.getHttpServer())
      .put('/organisations')
      .set(as('admin'))
      .send({ id: organisation, name: 'Wijk-werken Neteland', kind: 'WIJK_WERK', regionId: region })
      .expect(200);
  });

  afterAll(async () => {
    await Promise.all([flowThrough?.close(), hours?.close()]);
    if (todayBefore === undefined) delete process.env['STAPSTEEN_TODAY'];
    else process.env['STAPSTEEN_TODAY'] = todayBefore;
  });

  it('raises the alert for the region’s manager only after the second month, and resolves it after a month at target', async () => {
    const first = monthsAgo(3);
    const idle = monthsAgo(2);
    const second = monthsAgo(1);
    const enrolled = await request(flowThrough.getHttpServer())
      .post('/participants')
      .set(as('organiser'))
      .send({
        organisationId: organisation,
        firstName: 'Lotte',
        lastName: 'Janssens',
        dateOfBirth: '1979-08-21',
        referralSource: 'OCMW',
        monthlyHoursTarget: 20,
        enrolledOn: first.firstDay,
      })
      .expect(201);
    const participantId = enrolled.body.id as string;
    await request(flowThrough.getHttpServer())
      .post(`/participants/${participantId}/trajectory/start`)
      .set(as('organiser'))
      .send({ on: first.firstDay })
      .expect(200);
    await eventually(
      () =>
        request(hours.getHttpServer()).get(`/organisations/${organisation}/months/${first.month}`).set(as('organiser')),
      (r) => r.status === 200 && r.body.some((row: { participantId: string }) => row.participantId === participantId),
      { what: 'the participant in the hours month grid' },
    );

    // One month without hours: below target, not yet at risk.
    const one = await request(hours.getHttpServer())
      .post(`/organisations/${organisation}/months/${first.month}/close`)
      .set(as('organiser'))
      .expect(201);
    expect(one.body.results).toEqual([
      expect.objectContaining({
        participantId,
        countedHours: 0,
        belowTarget: true,
        consecutiveMonthsBelow: 1,
        flagged: false,
      }),
    ]);
    expect(one.body.flagged).toBe(0);
    // The second one in a row: flagged, and the alert follows.
    const two = await request(hours.getHttpServer())
      .post(`/organisations/${organisation}/months/${idle.month}/close`)
      .set(as('organiser'))
      .expect(201);
    expect(two.body.results).toEqual([
      expect.objectContaining({ participantId, countedHours: 0, consecutiveMonthsBelow: 2, flagged: true }),
    ]);

    const raised = await eventually(
      () => request(flowThrough.getHttpServer()).get('/alerts').set(as('manager')),
      (r) => r.status === 200 && JSON.stringify(r.body).includes(participantId),
      { what: 'the low-hours alert in the manager’s inbox' },
    );
    expect(JSON.stringify(raised.body)).toContain('LOW_HOURS');
    const alert = await request(flowThrough.getHttpServer())
      .get(`/alerts/${participantId}/LOW_HOURS`)
      .set(as('manager'))
      .expect(200);
    expect(alert.body).toMatchObject({ status: 'OPEN', severity: 'MEDIUM' });
    // Raised by the second month's close, the first one's raised nothing.
    expect(JSON.stringify(alert.body)).toContain(idle.month);
    expect(JSON.stringify(alert.body)).not.toContain(`"month":"${first.month}"`);
    const elsewhere = await request(flowThrough.getHttpServer()).get('/alerts').set(as('otherManager')).expect(200);
    expect(JSON.stringify(elsewhere.body)).not.toContain(participantId);

    for (const day of [3, 4]) {
      await request(hours.getHttpServer())
        .post('/prestations')
        .set(as('organiser'))
        .send({
          participantId,
          date: second.day(day),
          minutes: 600,
          gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
          activity: 'Tuinonderhoud',
        })
        .expect(201);
    }
    await request(hours.getHttpServer())
      .post(`/organisations/${organisation}/months/${second.month}/close`)
      .set(as('organiser'))
      .expect(201);

    const resolved = await eventually(
      () => request(flowThrough.getHttpServer()).get(`/alerts/${participantId}/LOW_HOURS`).set(as('manager')),
      (r) => r.status === 200 && r.body.status === 'RESOLVED',
      { what: 'the alert resolved by the month at target' },
    );
    expect(resolved.body.resolution).toBe('CAUSE_CLEARED');
  });
});
