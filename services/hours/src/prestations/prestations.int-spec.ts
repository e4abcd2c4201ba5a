import { INestApplication } from '@nestjs/common';
import { createTestKeyPair, feedParticipant, mintToken, startTestService, testToday } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HOURS_SERVICE_FOR_TESTS } from '../app.module';

/** Last year of the services' calendar (STAPSTEEN_TODAY or the real day), so every date lies in the past. */
const YEAR = Number(testToday().slice(0, 4)) - 1;
const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const otherOrganisation = `org-herentals-${suffix}`;

describe('registering prestations over HTTP', () => {
  const keys = createTestKeyPair();
  const tokens: Record<string, string> = {};
  let app: INestApplication;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const http = () => request(app.getHttpServer());

  const participantWithTrajectory = (org = organisation) =>
    feedParticipant(app, tokens.admin, {
      organisationId: org,
      regionId: region,
      startedOn: `${YEAR}-01-05`,
      monthlyHoursTarget: 20,
    });

  const prestation = (participantId: string, date: string, minutes: number) => ({
    participantId,
    date,
    minutes,
    gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
    activity: 'Middagtoezicht',
  });

  beforeAll(async () => {
    app = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const mint = (sub: string, role: string, orgIds: string[], regionId: string | null) =>
      mintToken(keys.privateKeyPem, { sub, role, orgIds, regionId });
    tokens.admin = await mint('admin', 'ADMIN', [], null);
    tokens.organiser = await mint('organiser-neteland', 'ORGANISER', [organisation], region);
    tokens.otherOrganiser = await mint('organiser-herentals', 'ORGANISER', [otherOrganisation], region);
    tokens.manager = await mint('manager-kempen', 'REGIONAL_MANAGER', [], region);
    tokens.otherManager = await mint('manager-gent', 'REGIONAL_MANAGER', [], `region-gent-${suffix}`);
  });

  afterAll(() => app?.close());

  it('refuses the hour above 60 with problem details naming the cap, the hours counted and what remains', async () => {
    const participantId = await participantWithTrajectory();
    for (const day of ['02', '03', '04', '05', '06']) {
      await http()
        .post('/prestations')
        .set(as('organiser'))
        .send(prestation(participantId, `${YEAR}-03-${day}`, 720))
        .expect(201);
    }

    const refused = await http()
      .post('/prestations')
      .set(as('organiser'))
      .send(prestation(participantId, `${YEAR}-03-09`, 1))
      .expect(422);

    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'https://stapsteen.be/problems/hours-monthly-cap-exceeded',
      status: 422,
      code: 'HOURS.MONTHLY_CAP_EXCEEDED',
      cap: 60,
      month: `${YEAR}-03`,
      alreadyCounted: 60,
      requested: 1,
      stillAllowed: 0,
    });
    const year = await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('organiser')).expect(200);
    expect(year.body.months[2]).toMatchObject({ month: `${YEAR}-03`, countedHours: 60, monthRemaining: 0 });
  });

  it('accepts exactly 12 of 20 simultaneous 5-hour entries for one participant, for a total of 60', async () => {
    const participantId = await participantWithTrajectory();

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http()
          .post('/prestations')
          .set(as('organiser'))
          .send(prestation(participantId, `${YEAR}-04-${String(i + 1).padStart(2, '0')}`, 300)),
      ),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s === 422)).toHaveLength(8);
    const year = await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('organiser')).expect(200);
    expect(year.body.months[3].countedHours).toBe(60);
    expect(year.body.months[3].prestations).toHaveLength(12);
  });

  it('accepts exactly 12 hours of 10 simultaneous 2-hour entries on one day, and tells the others how much is left', async () => {
    const participantId = await participantWithTrajectory();

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        http()
          .post('/prestations')
          .set(as('organiser'))
          .send(prestation(participantId, `${YEAR}-04-14`, 120)),
      ),
    );

    expect(responses.filter((r) => r.status === 201)).toHaveLength(6);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(4);
    for (const response of refused) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        status: 422,
        code: 'HOURS.DAY_LIMIT_EXCEEDED',
        date: `${YEAR}-04-14`,
        maximumMinutes: 720,
        alreadyMinutes: 720,
        requestedMinutes: 120,
        remainingMinutes: 0,
      });
    }
    const year = await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('organiser')).expect(200);
    expect(year.body.months[3].prestations).toHaveLength(6);
    expect(year.body.months[3].countedHours).toBe(12);
  });

  it('counts each started hour, and pays EUR 4.10 per counted hour', async () => {
    const participantId = await participantWithTrajectory();
    const created = await http()
      .post('/prestations')
      .set(as('organiser'))
      .send(prestation(participantId, `${YEAR}-05-12`, 135))
      .expect(201);
    expect(created.body.prestation.countedHours).toBe(3);
    expect(created.body.totals).toMatchObject({ monthCounted: 3, monthRemaining: 57 });
    const year = await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('organiser')).expect(200);
    expect(year.body.months[4]).toMatchObject({ countedHours: 3, cheques: 3, hoursCents: 1230 });
  });

  it('refuses hours before the trajectory started', async () => {
    const participantId = await participantWithTrajectory();
    const refused = await http()
      .post('/prestations')
      .set(as('organiser'))
      .send(prestation(participantId, `${YEAR}-01-02`, 60))
      .expect(422);
    expect(refused.body.code).toBe('HOURS.BEFORE_TRAJECTORY_START');
  });

  it('keeps every correction with who, when, before and after', async () => {
    const participantId = await participantWithTrajectory();
    const created = await http()
      .post('/prestations')
      .set(as('organiser'))
      .send(prestation(participantId, `${YEAR}-06-03`, 60))
      .expect(201);
    const id = `/participants/${participantId}/years/${YEAR}/prestations/${created.body.prestation.id}`;

    const { participantId: _p, ...facts } = prestation(participantId, `${YEAR}-06-03`, 90);
    await http()
      .put(id)
      .set(as('organiser'))
      .send({ ...facts, reason: 'Verkeerde duur' })
      .expect(200);
    await http().delete(id).set(as('organiser')).send({ reason: 'Dubbel ingegeven' }).expect(200);

    const history = await http().get(id).set(as('organiser')).expect(200);
    expect(history.body.deleted).toBe(true);
    expect(history.body.history).toEqual([
      expect.objectContaining({
        by: 'organiser-neteland',
        reason: 'Verkeerde duur',
        before: expect.objectContaining({ minutes: 60 }),
        after: expect.objectContaining({ minutes: 90 }),
      }),
      expect.objectContaining({ reason: 'Dubbel ingegeven', after: null }),
    ]);
  });

  it('shows the organiser’s month grid with counted and remaining hours', async () => {
    const participantId = await participantWithTrajectory();
    await http()
      .post('/prestations')
      .set(as('organiser'))
      .send(prestation(participantId, `${YEAR}-07-07`, 240))
      .expect(201);
    const grid = await http().get(`/organisations/${organisation}/months/${YEAR}-07`).set(as('organiser')).expect(200);
    expect(grid.body.find((row: { participantId: string }) => row.participantId === participantId)).toMatchObject({
      countedHours: 4,
      monthRemaining: 56,
      targetHours: 20,
      allowanceCents: 1640,
    });
  });

  describe('scope', () => {
    let participantId: string;
    beforeAll(async () => {
      participantId = await participantWithTrajectory();
    });

    it('hides a participant from an organiser of another organisation', async () => {
      await http()
        .post('/prestations')
        .set(as('otherOrganiser'))
        .send(prestation(participantId, `${YEAR}-08-03`, 60))
        .expect(404);
      await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('otherOrganiser')).expect(404);
      await http().get(`/organisations/${organisation}/months/${YEAR}-08`).set(as('otherOrganiser')).expect(404);
    });

    it('lets the region’s manager read but not register hours, and hides them from another region', async () => {
      await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('manager')).expect(200);
      await http()
        .post('/prestations')
        .set(as('manager'))
        .send(prestation(participantId, `${YEAR}-08-03`, 60))
        .expect(403);
      await http().get(`/participants/${participantId}/hours?year=${YEAR}`).set(as('otherManager')).expect(404);
      const own = await http().get(`/organisations/${organisation}/months/${YEAR}-08`).set(as('manager')).expect(200);
      expect(JSON.stringify(own.body)).toContain(participantId);
      const grid = await http()
        .get(`/organisations/${organisation}/months/${YEAR}-08`)
        .set(as('otherManager'))
        .expect(404);
      expect(grid.body.code).toBe('HOURS.ORGANISATION_NOT_FOUND');
      expect(JSON.stringify(grid.body)).not.toContain(participantId);
    });
  });

  describe('bad input is refused with a 4xx problem, never a 500', () => {
    let participantId: string;
    beforeAll(async () => {
      participantId = await participantWithTrajectory();
    });

    it.each([
      ['a duration that is not a number', { minutes: 'veel' }],
      ['a negative duration', { minutes: -60 }],
      ['an absurd duration', { minutes: 100000 }],
      ['an unknown field', { minuten: 60 }],
      ['an operator instead of an id', { participantId: { $gt: '' } }],
      ['an operator instead of a date', { date: { $ne: null } }],
      ['an unknown kind of gebruiker', { gebruiker: { kind: 'BANK', reference: 'x' } }],
    ])('refuses %s', async (_, change) => {
      const response = await http()
        .post('/prestations')
        .set(as('organiser'))
        .send({ ...prestation(participantId, `${YEAR}-09-01`, 60), ...change });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', status: 400 });
    });

    it('refuses malformed JSON', async () => {
      const response = await http()
        .post('/prestations')
        .set(as('organiser'))
        .set('Content-Type', 'application/json')
        .send('{"minutes": 60,');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('REQUEST.MALFORMED');
    });

    it('refuses an oversized body', async () => {
      const response = await http()
        .post('/prestations')
        .set(as('organiser'))
        .send({ ...prestation(participantId, `${YEAR}-09-01`, 60), activity: 'x'.repeat(200_000) });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('REQUEST.TOO_LARGE');
    });

    it('stored none of the refused prestations', async () => {
      const year = await http()
        .get(`/participants/${participantId}/hours?year=${YEAR}`)
        .set(as('organiser'))
        .expect(200);
      expect(year.body.yearCounted).toBe(0);
    });
  });
});
