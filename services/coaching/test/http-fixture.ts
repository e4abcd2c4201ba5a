import type { INestApplication } from '@nestjs/common';
import { TOPICS } from '@stapsteen/contracts';
import {
  createTestKeyPair,
  envelopeText,
  feedParticipant,
  mintToken,
  startTestService,
  testToday,
  waitForMessage,
} from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../src/app.module';

/**
 * The set-up shared by the coaching service's integration specs over HTTP (services/coaching/src/
 * coaching-*.int-spec.ts): coaching on the run's Kafka and FerretDB, an organisation and a region of
 * one spec file's own with another of each beside them, a token for staff and managers on either side
 * of each scope line, participants fed as flow-through would, and the events coaching publishes.
 * Call it inside the spec's describe: it starts the service before the spec's tests and closes it after.
 */
export function coachingFixture() {
  const suffix = randomUUID().slice(0, 8);
  const ids = {
    region: `region-kempen-${suffix}`,
    otherRegion: `region-gent-${suffix}`,
    organisation: `org-neteland-${suffix}`,
    otherOrganisation: `org-herentals-${suffix}`,
  };
  const { region, otherRegion, organisation, otherOrganisation } = ids;
  const today = testToday();
  const keys = createTestKeyPair();
  const tokens: Record<string, string> = {};
  let app: INestApplication | undefined;
  const started = (): INestApplication => {
    if (!app) throw new Error('The coaching fixture has not been started');
    return app;
  };

  async function start(): Promise<INestApplication> {
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
    return app;
  }

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const http = () => request(started().getHttpServer());
  /** A participant of the organisation, started today with coach An, as flow-through announces one. */
  const feed = (displayName?: string) =>
    feedParticipant(started(), tokens.admin, {
      organisationId: organisation,
      regionId: region,
      startedOn: today,
      displayName,
      coachId: 'coach-an',
      monthlyHoursTarget: 20,
    });
  /** The next event of `type` coaching publishes for the participant (and `extra` accepts). */
  const coachingEvent = (
    type: string,
    participantId: string,
    extra: (data: Record<string, unknown>) => boolean = () => true,
  ) =>
    waitForMessage(TOPICS.coaching, (m) => {
      const event = JSON.parse(m.value);
      return m.key === participantId && event.type === type && extra(event.data);
    }).then((m) => JSON.parse(m.value));
  /** Coach An's assessment of the participant's punctuality (level 2) with a note. */
  const assessPunctuality = (participantId: string, note: string) =>
    http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('coach'))
      .send({
        assessorKind: 'COACH',
        assessedOn: today,
        ratings: [{ competencyCode: 'STIPTHEID', level: 2, note }],
      })
      .expect(201);
  /** Hours' low-hours flag of this month for a participant of the organisation, as a message text. */
  const lowHoursFlag = (participantId: string, facts: Record<string, unknown>) =>
    envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
      participantId,
      organisationId: organisation,
      regionId: region,
      month: today.slice(0, 7),
      ...facts,
    });

  beforeAll(start);
  afterAll(() => app?.close());

  return {
    ids,
    today,
    app: started,
    as,
    http,
    feed,
    coachingEvent,
    assessPunctuality,
    lowHoursFlag,
  };
}
