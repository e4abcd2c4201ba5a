import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@stapsteen/contracts';
import {
  createTestKeyPair,
  envelopeText,
  eventually,
  feedParticipant,
  mintToken,
  sendRaw,
  startTestService,
  testToday,
  waitForMessage,
} from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from './app.module';
import { ASSESSMENTS_COLLECTION } from './assessments/infrastructure/mongo-assessments';
import { ONE_ON_ONES_COLLECTION } from './assignments/infrastructure/mongo-assignments';
import { ROSTER_COLLECTION } from './participants/infrastructure/mongo-participant-roster';

const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const otherRegion = `region-gent-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const otherOrganisation = `org-herentals-${suffix}`;
const today = testToday();

describe('the coaching service', () => {
  const keys = createTestKeyPair();
  const tokens: Record<string, string> = {};
  let app: INestApplication;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const http = () => request(app.getHttpServer());
  const feed = (displayName?: string) =>
    feedParticipant(app, tokens.admin, {
      organisationId: organisation,
      regionId: region,
      startedOn: today,
      displayName,
      coachId: 'coach-an',
      monthlyHoursTarget: 20,
    });
  const coachingEvent = (
    type: string,
    participantId: string,
    extra: (data: Record<string, unknown>) => boolean = () => true,
  ) =>
    waitForMessage(TOPICS.coaching, (m) => {
      const event = JSON.parse(m.value);
      return m.key === participantId && event.type === type && extra(event.data);
    }).then((m) => JSON.parse(m.value));

  beforeAll(async () => {
    app = await startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const mint = (claims: Parameters<typeof mintToken>[1]) => mintToken(keys.privateKeyPem, claims);
    tokens.admin = await mint({ sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    tokens.coach = await mint({ sub: 'coach-an', role: 'COACH', orgIds: [organisation], regionId: region });
    tokens.otherCoach = await mint({ sub: 'coach-bart', role: 'COACH', orgIds: [otherOrganisation], regionId: region });
    tokens.otherOrganiser = await mint({
      sub: 'organiser-h',
      role: 'ORGANISER',
      orgIds: [otherOrganisation],
      regionId: region,
    });
    tokens.manager = await mint({ sub: 'manager-kempen', role: 'REGIONAL_MANAGER', orgIds: [], regionId: region });
    tokens.otherManager = await mint({
      sub: 'manager-gent',
      role: 'REGIONAL_MANAGER',
      orgIds: [],
      regionId: otherRegion,
    });
  });

  afterAll(() => app?.close());

  it('keeps staff of another organisation and managers of another region out of a participant’s records', async () => {
    const participantId = await feed();
    await http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('coach'))
      .send({
        assessorKind: 'COACH',
        assessedOn: today,
        ratings: [{ competencyCode: 'STIPTHEID', level: 2, note: 'Komt vaak te laat' }],
      })
      .expect(201);

    const read = await http().get(`/participants/${participantId}/assessments`).set(as('otherCoach')).expect(404);
    expect(read.body.code).toBe('COACHING.PARTICIPANT_NOT_FOUND');
    await http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('otherOrganiser'))
      .send({ assessorKind: 'ORGANISER', assessedOn: today, ratings: [{ competencyCode: 'STIPTHEID', level: 4 }] })
      .expect(404);
    await http()
      .post('/group-sessions')
      .set(as('otherOrganiser'))
      .send({
        organisationId: organisation,
        title: 'Stiptheid',
        competencyCodes: ['STIPTHEID'],
        date: today,
        startTime: '09:30',
        endTime: '12:00',
        place: 'Geel',
        trainer: 'Els',
        capacity: 5,
      })
      .expect(403);
    // The manager of the region reads, but does not change an organisation's records.
    const managed = await http().get(`/participants/${participantId}/assessments`).set(as('manager')).expect(200);
    expect(managed.body).toHaveLength(1);
    await http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('manager'))
      .send({ assessorKind: 'COACH', assessedOn: today, ratings: [{ competencyCode: 'STIPTHEID', level: 3 }] })
      .expect(403);
    await http().get(`/participants/${participantId}/assessments`).set(as('otherManager')).expect(404);
    const roster = await http().get('/participants').set(as('otherManager')).expect(200);
    expect(roster.body).toEqual([]);
    const gaps = await http().get(`/organisations/${organisation}/gaps?status=ALL`).set(as('otherManager')).expect(200);
    expect(gaps.body).toEqual([]);
    await http().get(`/organisations/${organisation}/catalogue`).set(as('otherManager')).expect(404);
  });

  it('seats exactly three of ten participants enrolled at once in a three-seat session and waiting-lists the rest', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => feed()));
    const session = await http()
      .post('/group-sessions')
      .set(as('coach'))
      .send({
        organisationId: organisation,
        title: 'Op tijd komen en verwittigen',
        competencyCodes: ['STIPTHEID', 'COMMUNICEREN'],
        date: today,
        startTime: '09:30',
        endTime: '12:00',
        place: 'Dienstencentrum De Wending, Geel',
        trainer: 'Els Peeters',
        capacity: 3,
      })
      .expect(201);

    const answers = await Promise.all(
      people.map((participantId) =>
        http().post(`/group-sessions/${session.body.id}/enrolments`).set(as('coach')).send({ participantId }),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.filter((a) => a.body.status === 'ENROLLED')).toHaveLength(3);
    expect(answers.filter((a) => a.body.status === 'WAITING')).toHaveLength(7);
    const stored = await http().get(`/group-sessions/${session.body.id}`).set(as('coach')).expect(200);
    expect(stored.body.seatsLeft).toBe(0);
    expect(stored.body.waitingList).toHaveLength(7);
    // `enrolments` holds only the seated participants, as documented; the waiting ones only in `waitingList`
    const seated = answers.filter((a) => a.body.status === 'ENROLLED').map((a) => a.body.participantId);
    const waiting = answers.filter((a) => a.body.status === 'WAITING').map((a) => a.body.participantId);
    expect(stored.body.enrolments.map((e: { participantId: string }) => e.participantId).sort()).toEqual(seated.sort());
    expect([...stored.body.waitingList].sort()).toEqual(waiting.sort());
    const listed = await http().get('/group-sessions').set(as('coach')).expect(200);
    const inList = listed.body.find((g: { id: string }) => g.id === session.body.id);
    expect(inList.enrolments).toHaveLength(3);
    expect(inList.waitingList).toHaveLength(7);
  });

  it('opens one LOW_HOURS_NO_COACHING gap on a low-hours flag (also when the flag is delivered twice) and closes it when one-on-one coaching starts', async () => {
    const participantId = await feed('Karim B.');
    const month = today.slice(0, 7);
    const flag = envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
      participantId,
      organisationId: organisation,
      regionId: region,
      month,
      countedHours: 4,
      targetHours: 20,
      consecutiveMonthsBelow: 1,
      fallingTrend: false,
      severity: 'MEDIUM',
    });
    await sendRaw(TOPICS.hours, [{ key: participantId, value: flag }]);

    const detected = await coachingEvent(
      'coaching.gap-detected',
      participantId,
      (d) => d.reasonCode === 'LOW_HOURS_NO_COACHING',
    );
    expect(detected.data).toMatchObject({ organisationId: organisation, regionId: region, openedOn: today });
    const open = await eventually(
      () => http().get(`/organisations/${organisation}/gaps`).set(as('coach')),
      (r) => r.body.some((g: { participantId: string }) => g.participantId === participantId),
      { what: 'the open gap in the organisation’s list' },
    );
    expect(open.body.filter((g: { participantId: string }) => g.participantId === participantId)).toHaveLength(1);

    // A redelivery changes nothing: the same message again, then a marker on the same key (so on
    // the same partition, consumed after it); once the marker is applied, the duplicate was too.
    const marker = envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
      ...JSON.parse(flag).data,
      month: '2020-01',
    });
    await sendRaw(TOPICS.hours, [
      { key: participantId, value: flag },
      { key: participantId, value: marker },
    ]);
    const roster = app
      .get<Connection>(getConnectionToken())
      .collection<{ _id: string; appliedEventIds: string[] }>(ROSTER_COLLECTION);
    const applied = await eventually(
      () => roster.findOne({ _id: participantId }),
      (doc) => doc?.appliedEventIds.includes(JSON.parse(marker).eventId) ?? false,
      { what: 'the marker after the redelivered flag' },
    );
    expect(applied?.appliedEventIds.filter((id) => id === JSON.parse(flag).eventId)).toHaveLength(1);
    const coachGaps = await http().get('/coaches/coach-an/gaps').set(as('coach')).expect(200);
    expect(coachGaps.body.filter((g: { participantId: string }) => g.participantId === participantId)).toHaveLength(1);

    const started = await http()
      .post('/one-on-ones')
      .set(as('coach'))
      .send({ participantId, competencyCodes: ['STIPTHEID'] })
      .expect(201);
    expect(started.body).toMatchObject({ coachId: 'coach-an', status: 'ACTIVE' });

    const assigned = await coachingEvent('coaching.assigned', participantId);
    expect(assigned.data).toMatchObject({
      modality: 'ONE_ON_ONE',
      competencyCodes: ['STIPTHEID'],
      assignmentId: started.body.id,
    });
    const closed = await coachingEvent('coaching.gap-closed', participantId);
    expect(closed.data).toMatchObject({
      gapId: detected.data.gapId,
      reasonCode: 'LOW_HOURS_NO_COACHING',
      closedOn: today,
    });
    const all = await http().get(`/participants/${participantId}/gaps`).set(as('coach')).expect(200);
    expect(all.body).toEqual([expect.objectContaining({ gapId: detected.data.gapId, closedOn: today })]);
  });

  it('suggests 1-on-1 coaching after a low-hours flag, only to those who may see the participant, and assigns nothing', async () => {
    const participantId = await feed('Lotte V.');
    const flag = envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
      participantId,
      organisationId: organisation,
      regionId: region,
      month: today.slice(0, 7),
      countedHours: 3,
      targetHours: 20,
      consecutiveMonthsBelow: 2,
      fallingTrend: true,
      severity: 'HIGH',
    });
    await sendRaw(TOPICS.hours, [{ key: participantId, value: flag }]);

    const suggested = await eventually(
      () => http().get(`/participants/${participantId}/modality-suggestions`).set(as('coach')),
      (r) => r.status === 200 && r.body.suggestions.some((s: { modality: string }) => s.modality === 'ONE_ON_ONE'),
      { what: 'a 1-on-1 suggestion after the low-hours flag' },
    );
    expect(suggested.body.suggestions).toEqual([
      expect.objectContaining({ modality: 'ONE_ON_ONE', reasonCodes: ['LOW_HOURS'], addOn: false }),
    ]);
    expect(suggested.body.suggestions[0].reason).toMatch(/uren/);
    expect(suggested.body.suggestions[0].reasonEn).toMatch(/hours/);
    await http().get(`/participants/${participantId}/modality-suggestions`).set(as('manager')).expect(200);
    await http().get(`/participants/${participantId}/modality-suggestions`).set(as('otherCoach')).expect(404);
    await http().get(`/participants/${participantId}/modality-suggestions`).set(as('otherManager')).expect(404);
    await http().get(`/participants/${participantId}/modality-suggestions`).expect(401);
    const assignments = await http().get(`/participants/${participantId}/assignments`).set(as('coach')).expect(200);
    expect(assignments.body).toEqual([]);
  });

  it('reports effectiveness to the organisation’s staff, its region’s manager and admins only, and refuses a bad period', async () => {
    await feed();
    const url = `/organisations/${organisation}/effectiveness?from=2026-01&to=2026-12`;
    for (const who of ['coach', 'manager', 'admin']) {
      const report = await http().get(url).set(as(who)).expect(200);
      expect(report.body).toMatchObject({ organisationId: organisation, minParticipants: 5, rows: expect.any(Array) });
    }
    for (const who of ['otherCoach', 'otherOrganiser', 'otherManager']) {
      const refused = await http().get(url).set(as(who)).expect(404);
      expect(refused.body.code).toBe('COACHING.ORGANISATION_NOT_FOUND');
    }
    await http().get(url).expect(401);
    await http().get(`/organisations/${organisation}/effectiveness?from=2026-13`).set(as('coach')).expect(400);
    const reversed = await http()
      .get(`/organisations/${organisation}/effectiveness?from=2026-05&to=2026-04`)
      .set(as('coach'))
      .expect(400);
    expect(reversed.body.code).toBe('COACHING.PERIOD_INVALID');
  });

  it('drops the participant’s assessments and the notes of their 1-on-1 sessions when flow-through erases them', async () => {
    const participantId = await feed('Ruben V.');
    await http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('coach'))
      .send({
        assessorKind: 'COACH',
        assessedOn: today,
        ratings: [{ competencyCode: 'STIPTHEID', level: 2, note: 'Te laat door zorg voor moeder' }],
      })
      .expect(201);
    const coaching = await http()
      .post('/one-on-ones')
      .set(as('coach'))
      .send({ participantId, competencyCodes: ['STIPTHEID'] })
      .expect(201);
    await http()
      .post(`/one-on-ones/${coaching.body.id}/sessions`)
      .set(as('coach'))
      .send({ heldOn: today, attended: true, note: 'Vertelde over schulden' })
      .expect(201);

    await sendRaw(TOPICS.participants, [
      {
        key: participantId,
        value: envelopeText(participantId, 'participant.erased', 'flow-through', {
          participantId,
          organisationId: organisation,
          erasedAt: new Date().toISOString(),
        }),
      },
    ]);

    const connection = app.get<Connection>(getConnectionToken());
    const stored = await eventually(
      () => connection.collection(ONE_ON_ONES_COLLECTION).findOne({ _id: coaching.body.id } as object),
      (doc) => JSON.stringify(doc?.sessions ?? []).includes('"note":null'),
      { what: 'the session notes erased' },
    );
    expect(JSON.stringify(stored)).not.toContain('schulden');
    expect(await connection.collection(ASSESSMENTS_COLLECTION).countDocuments({ participantId })).toBe(0);
    await http().get(`/participants/${participantId}/assessments`).set(as('coach')).expect(404);
  });

  describe('bad input is refused with a 4xx problem and stores nothing', () => {
    let participantId: string;
    const assessment = {
      assessorKind: 'COACH',
      assessedOn: today,
      ratings: [{ competencyCode: 'SAMENWERKEN', level: 2 }],
    };
    beforeAll(async () => {
      participantId = await feed('Eline D.');
    });

    it.each([
      ['a rating above the scale', { ratings: [{ competencyCode: 'SAMENWERKEN', level: 7 }] }],
      ['a rating that is not a number', { ratings: [{ competencyCode: 'SAMENWERKEN', level: 'goed' }] }],
      ['an operator instead of a competency', { ratings: [{ competencyCode: { $gt: '' }, level: 2 }] }],
      ['an unknown field', { score: 3 }],
      ['an unknown kind of assessor', { assessorKind: 'NEIGHBOUR' }],
      ['an impossible date', { assessedOn: '2026-02-30x' }],
    ])('refuses %s', async (_, change) => {
      const response = await http()
        .post(`/participants/${participantId}/assessments`)
        .set(as('coach'))
        .send({ ...assessment, ...change });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.code).toEqual(expect.any(String));
    });

    it('refuses malformed JSON and an oversized body', async () => {
      const malformed = await http()
        .post(`/participants/${participantId}/assessments`)
        .set(as('coach'))
        .set('Content-Type', 'application/json')
        .send('{"assessorKind": "COACH",');
      expect(malformed.status).toBe(400);
      const oversized = await http()
        .post(`/participants/${participantId}/assessments`)
        .set(as('coach'))
        .send({ ...assessment, ratings: [{ competencyCode: 'SAMENWERKEN', level: 2, note: 'x'.repeat(300_000) }] });
      expect(oversized.status).toBe(413);
    });

    it.each(['007', '-1', '0x1', '1e0', '%201', '99999999999999999999'])(
      'refuses catalogue version %s with 400 naming version (version 1 reads)',
      async (version) => {
        await http().get(`/organisations/${organisation}/catalogue/versions/1`).set(as('coach')).expect(200);
        const response = await http()
          .get(`/organisations/${organisation}/catalogue/versions/${version}`)
          .set(as('coach'))
          .expect(400);
        expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'version' }] });
      },
    );

    it('stored none of the refused assessments', async () => {
      const stored = await http().get(`/participants/${participantId}/assessments`).set(as('coach')).expect(200);
      expect(JSON.stringify(stored.body)).not.toContain('SAMENWERKEN');
    });
  });
});
