import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { TOPICS } from '@stapsteen/contracts';
import { testToday, waitForMessage } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { MONTH_CLOSES_COLLECTION, MongoMonthCloses } from './infrastructure/mongo-month-closes';
import { LAST_YEAR, hoursFixture } from '../../test/http-fixture';

/** Last year of the services' calendar (STAPSTEEN_TODAY or the real day), so every month is over. */
const YEAR = LAST_YEAR;

describe('closing a month', () => {
  const hours = hoursFixture();
  const { organisation } = hours.ids;
  const { as, http } = hours;
  let app: INestApplication;
  const people: Record<string, string> = {};

  const enter = (participantId: string, date: string, minutes: number, reason?: string) =>
    http()
      .post('/prestations')
      .set(as('organiser'))
      .send({
        participantId,
        date,
        minutes,
        gebruiker: { kind: 'NON_PROFIT', reference: 'Kringwinkel' },
        activity: 'Sorteren',
        ...(reason ? { reason } : {}),
      });

  const eventFor = (type: string, participantId: string, month: string) =>
    waitForMessage(TOPICS.hours, (m) => {
      const event = JSON.parse(m.value);
      return m.key === participantId && event.type === type && event.data.month === month;
    }).then((m) => JSON.parse(m.value));

  beforeAll(async () => {
    app = await hours.start();
    const feed = () => hours.feed({ startedOn: `${YEAR}-09-01`, monthlyHoursTarget: 20 });
    [people.busy, people.idle, people.low] = await Promise.all([feed(), feed(), feed()]);
    await enter(people.busy, `${YEAR}-10-06`, 720).expect(201);
    await enter(people.busy, `${YEAR}-10-07`, 720).expect(201);
    await enter(people.low, `${YEAR}-10-08`, 600).expect(201);
  });

  afterAll(() => hours.close());

  it('judges every active participant, flagging at risk who stayed below target a second month in a row', async () => {
    // September: all three below target, a first month: nobody at risk yet.
    const september = await http()
      .post(`/organisations/${organisation}/months/${YEAR}-09/close`)
      .set(as('organiser'))
      .expect(201);
    expect(september.body).toMatchObject({ flagged: 0, flagAfterMonthsBelow: 2 });
    expect(september.body.results.map((r: { belowTarget: boolean }) => r.belowTarget)).toEqual([true, true, true]);

    const response = await http()
      .post(`/organisations/${organisation}/months/${YEAR}-10/close`)
      .set(as('organiser'))
      .expect(201);

    expect(response.body.flagged).toBe(2);
    const byId = Object.fromEntries(response.body.results.map((r: { participantId: string }) => [r.participantId, r]));
    expect(byId[people.busy]).toMatchObject({ countedHours: 24, flagged: false });
    expect(byId[people.idle]).toMatchObject({
      countedHours: 0,
      belowTarget: true,
      consecutiveMonthsBelow: 2,
      flagged: true,
    });
    expect(byId[people.low]).toMatchObject({ countedHours: 10, consecutiveMonthsBelow: 2, flagged: true });

    const flag = await eventFor('participant.low-hours-flagged', people.idle, `${YEAR}-10`);
    expect(flag.data).toMatchObject({
      countedHours: 0,
      targetHours: 20,
      consecutiveMonthsBelow: 2,
      severity: 'MEDIUM',
      organisationId: organisation,
    });
    const totals = await eventFor('hours.participant-month-closed', people.busy, `${YEAR}-10`);
    expect(totals.data).toMatchObject({ countedHours: 24, allowanceCents: 24 * 410 });
  });

  it('refuses to close the same month twice', async () => {
    const response = await http()
      .post(`/organisations/${organisation}/months/${YEAR}-10/close`)
      .set(as('organiser'))
      .expect(409);
    expect(response.body.code).toBe('HOURS.MONTH_ALREADY_CLOSED');
  });

  it('asks for a reason to change a closed month, and marks the change late', async () => {
    const refused = await enter(people.low, `${YEAR}-10-20`, 60).expect(422);
    expect(refused.body.code).toBe('HOURS.REASON_REQUIRED_AFTER_CLOSE');
    const accepted = await enter(people.low, `${YEAR}-10-20`, 60, 'Prestatieformulier laat binnengebracht').expect(201);
    expect(accepted.body.prestation.late).toBe(true);
  });

  it('clears the flag of a participant back at target, and makes a third month below target high severity', async () => {
    await enter(people.low, `${YEAR}-11-03`, 720).expect(201);
    await enter(people.low, `${YEAR}-11-04`, 720).expect(201);

    await http().post(`/organisations/${organisation}/months/${YEAR}-11/close`).set(as('organiser')).expect(201);

    const cleared = await eventFor('participant.low-hours-cleared', people.low, `${YEAR}-11`);
    expect(cleared.data).toMatchObject({ countedHours: 24, targetHours: 20 });
    const again = await eventFor('participant.low-hours-flagged', people.idle, `${YEAR}-11`);
    expect(again.data).toMatchObject({ consecutiveMonthsBelow: 3, severity: 'HIGH' });
  });

  it('marks a correction late when it moves a prestation out of a closed month into an open one', async () => {
    // Entered while November was open; November is closed now, December is not.
    const year = await http().get(`/participants/${people.low}/hours?year=${YEAR}`).set(as('organiser')).expect(200);
    const november = year.body.months[10].prestations.find((p: { date: string }) => p.date === `${YEAR}-11-03`);
    expect(november.late).toBe(false);
    const moved = await http()
      .put(`/participants/${people.low}/years/${YEAR}/prestations/${november.id}`)
      .set(as('organiser'))
      .send({
        date: `${YEAR}-12-01`,
        minutes: 720,
        gebruiker: { kind: 'NON_PROFIT', reference: 'Kringwinkel' },
        activity: 'Sorteren',
        reason: 'Hoorde bij december',
      })
      .expect(200);
    expect(moved.body.prestation).toMatchObject({ date: `${YEAR}-12-01`, late: true });
    expect(moved.body.prestation.history).toEqual([
      expect.objectContaining({ late: true, reason: 'Hoorde bij december', by: 'organiser-1' }),
    ]);
  });

  it('records the barriers of a flagged participant, publishes only their codes, and counts them in the report', async () => {
    await http()
      .put(`/participants/${people.idle}/months/${YEAR}-10/barriers`)
      .set(as('organiser'))
      .send({ barriers: ['MOBILITY', 'OTHER'], otherDescription: 'Zorgt voor zieke moeder' })
      .expect(200);
    const refused = await http()
      .put(`/participants/${people.busy}/months/${YEAR}-10/barriers`)
      .set(as('organiser'))
      .send({ barriers: ['MOBILITY'] })
      .expect(422);
    expect(refused.body.code).toBe('HOURS.NOT_FLAGGED');

    const event = await eventFor('hours.barriers-recorded', people.idle, `${YEAR}-10`);
    expect(event.data.barriers).toEqual(['MOBILITY', 'OTHER']);
    expect(JSON.stringify(event)).not.toContain('moeder');
    const report = await http().get(`/barriers/report?from=${YEAR}-01&to=${YEAR}-12`).set(as('organiser')).expect(200);
    expect(report.body).toEqual(
      expect.arrayContaining([
        { organisationId: organisation, barrier: 'MOBILITY', participants: 1 },
        { organisationId: organisation, barrier: 'OTHER', participants: 1 },
      ]),
    );
  });

  it('exports the closed month’s allowances as CSV and XLSX for the payment run', async () => {
    const csv = await http()
      .get(`/organisations/${organisation}/months/${YEAR}-10/allowances.csv`)
      .set(as('organiser'))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`${people.busy};Sofie V.;24;24;98,40;0,00;98,40`);
    const xlsx = await http()
      .get(`/organisations/${organisation}/months/${YEAR}-10/allowances.xlsx`)
      .set(as('organiser'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const open = await http()
      .get(`/organisations/${organisation}/months/${YEAR}-12/allowances.csv`)
      .set(as('organiser'))
      .expect(422);
    expect(open.body.code).toBe('HOURS.MONTH_NOT_CLOSED');
  });

  it('lets only the organisation’s own organisers close its months', async () => {
    const response = await http()
      .post(`/organisations/${organisation}/months/${YEAR}-12/close`)
      .set(as('stranger'))
      .expect(403);
    expect(response.body.code).toBe('AUTH.OUT_OF_SCOPE');
  });

  it('knows a close whose ledger entry was never written (the process died in between), after a retry or a restart', async () => {
    // The close document as the first write left it; the ledger write after it did not happen.
    const closes = app.get<Connection>(getConnectionToken()).collection<{ _id: string }>(MONTH_CLOSES_COLLECTION);
    const stored = (month: string) => ({
      _id: `${organisation}:${month}`,
      organisationId: organisation,
      month,
      closedAt: new Date().toISOString(),
      closedBy: 'AUTOMATIC',
      closedByUser: null,
      results: [],
      outbox: [],
    });
    await closes.insertMany([stored(`${YEAR}-05`), stored(`${YEAR}-06`)]);

    const again = await http()
      .post(`/organisations/${organisation}/months/${YEAR}-05/close`)
      .set(as('organiser'))
      .expect(409);
    expect(again.body.code).toBe('HOURS.MONTH_ALREADY_CLOSED');
    await http().get(`/organisations/${organisation}/months/${YEAR}-05/close`).set(as('organiser')).expect(200);

    // What the service does at start-up.
    expect(await app.get(MongoMonthCloses).reconcileLedgers()).toBe(1);
    const shown = await http().get(`/organisations/${organisation}/months/${YEAR}-06/close`).set(as('organiser'));
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ month: `${YEAR}-06`, closedBy: 'AUTOMATIC' });
  });

  it('refuses to close a month that is not over', async () => {
    const now = testToday().slice(0, 7);
    const response = await http()
      .post(`/organisations/${organisation}/months/${now}/close`)
      .set(as('organiser'))
      .expect(422);
    expect(response.body.code).toBe('HOURS.MONTH_NOT_OVER');
  });

  it('shows the organisation its target ramp (the fallback until it has one), and keeps it out of other organisations', async () => {
    const before = await http().get(`/organisations/${organisation}/hours-targets`).set(as('organiser')).expect(200);
    expect(before.body).toEqual({
      organisationId: organisation,
      steps: [],
      fallbackMonthlyTarget: 20,
      flagAfterMonthsBelow: 2,
      defaultFlagAfterMonthsBelow: 2,
    });
    const ramp = [
      { fromTrajectoryMonth: 1, hours: 8 },
      { fromTrajectoryMonth: 4, hours: 16 },
    ];
    await http()
      .put(`/organisations/${organisation}/hours-targets`)
      .set(as('organiser'))
      .send({ steps: ramp })
      .expect(200);
    const after = await http().get(`/organisations/${organisation}/hours-targets`).set(as('organiser')).expect(200);
    expect(after.body.steps).toEqual(ramp);
    const refused = await http()
      .put(`/organisations/${organisation}/hours-targets`)
      .set(as('organiser'))
      .send({ steps: [{ fromTrajectoryMonth: 1, hours: 61 }] })
      .expect(400);
    expect(refused.body.code).toBe('REQUEST.INVALID');
    expect((await http().get(`/organisations/${organisation}/hours-targets`).set(as('organiser'))).body.steps).toEqual(
      ramp,
    );
    const hidden = await http().get(`/organisations/${organisation}/hours-targets`).set(as('stranger')).expect(404);
    expect(hidden.body.code).toBe('HOURS.ORGANISATION_NOT_FOUND');
  });

  it('keeps the organisation’s low-hours rule (1–6 months in a row) with its ramp, refusing anything else whole', async () => {
    const path = `/organisations/${organisation}/hours-targets`;
    const ramp = [{ fromTrajectoryMonth: 1, hours: 12 }];
    const saved = await http()
      .put(path)
      .set(as('organiser'))
      .send({ steps: ramp, flagAfterMonthsBelow: 3 })
      .expect(200);
    expect(saved.body).toEqual({
      organisationId: organisation,
      steps: ramp,
      fallbackMonthlyTarget: 20,
      flagAfterMonthsBelow: 3,
      defaultFlagAfterMonthsBelow: 2,
    });
    expect((await http().get(path).set(as('organiser')).expect(200)).body).toEqual(saved.body);
    for (const wrong of [0, 7, 2.5, '2', null]) {
      const refused = await http()
        .put(path)
        .set(as('organiser'))
        .send({ steps: [{ fromTrajectoryMonth: 1, hours: 8 }], flagAfterMonthsBelow: wrong })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'flagAfterMonthsBelow' }] });
    }
    expect((await http().get(path).set(as('organiser')).expect(200)).body).toEqual(saved.body);
    // Left out: the default again (a PUT replaces the settings whole); no ramp: the fallback target.
    const reset = await http().put(path).set(as('organiser')).send({ steps: [] }).expect(200);
    expect(reset.body).toMatchObject({ steps: [], flagAfterMonthsBelow: 2 });
    expect((await http().get(path).set(as('organiser')).expect(200)).body).toEqual(reset.body);
  });
});
