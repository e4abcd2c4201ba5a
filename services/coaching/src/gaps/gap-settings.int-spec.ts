import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  createTestKeyPair,
  daysAgo,
  eventually,
  feedParticipant,
  mintToken,
  startTestService,
} from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../app.module';
import { GAP_SETTINGS_COLLECTION } from './infrastructure/mongo-gap-settings';

const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const otherOrganisation = `org-herentals-${suffix}`;

describe('an organisation’s coaching-gap windows', () => {
  const keys = createTestKeyPair();
  const tokens: Record<string, string> = {};
  let app: INestApplication;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const http = () => request(app.getHttpServer());
  const path = (organisationId = organisation) => `/organisations/${organisationId}/gap-settings`;
  const stored = () =>
    app
      .get<Connection>(getConnectionToken())
      .collection(GAP_SETTINGS_COLLECTION)
      .findOne({ _id: organisation } as object);

  beforeAll(async () => {
    app = await startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const mint = (claims: Parameters<typeof mintToken>[1]) => mintToken(keys.privateKeyPem, claims);
    tokens.admin = await mint({ sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    tokens.organiser = await mint({ sub: 'organiser-n', role: 'ORGANISER', orgIds: [organisation], regionId: null });
    tokens.coach = await mint({ sub: 'coach-an', role: 'COACH', orgIds: [organisation], regionId: null });
    tokens.otherOrganiser = await mint({
      sub: 'organiser-h',
      role: 'ORGANISER',
      orgIds: [otherOrganisation],
      regionId: null,
    });
  });

  afterAll(() => app?.close());

  it('shows the defaults, stores an organiser’s windows, refuses bad ones and hides them from another organisation', async () => {
    const before = await http().get(path()).set(as('coach')).expect(200);
    expect(before.body).toEqual({
      organisationId: organisation,
      baselineDueDays: 42,
      unaddressedDays: 30,
      stalledDays: 30,
      defaults: { baselineDueDays: 42, unaddressedDays: 30, stalledDays: 30 },
      editedBy: null,
      editedAt: null,
    });

    const windows = { baselineDueDays: 28, unaddressedDays: 21, stalledDays: 14 };
    const saved = await http().put(path()).set(as('organiser')).send(windows).expect(200);
    expect(saved.body).toMatchObject({ ...windows, editedBy: 'organiser-n' });
    const after = await http().get(path()).set(as('admin')).expect(200);
    expect(after.body).toMatchObject({ ...windows, defaults: before.body.defaults, editedBy: 'organiser-n' });

    for (const bad of [
      { ...windows, stalledDays: 6 },
      { ...windows, baselineDueDays: 181 },
      { ...windows, unaddressedDays: 'thirty' },
      { baselineDueDays: 10 },
    ]) {
      const refused = await http().put(path()).set(as('admin')).send(bad).expect(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('REQUEST.INVALID');
    }
    expect(await stored()).toMatchObject(windows);
    expect((await http().get(path()).set(as('coach')).expect(200)).body).toMatchObject(windows);

    const hidden = await http().get(path()).set(as('otherOrganiser')).expect(404);
    expect(hidden.body.code).toBe('COACHING.ORGANISATION_NOT_FOUND');
    await http()
      .put(path())
      .set(as('otherOrganiser'))
      .send({ ...windows, stalledDays: 90 })
      .expect(404);
    await http()
      .put(path())
      .set(as('coach'))
      .send({ ...windows, stalledDays: 90 })
      .expect(403);
    expect(await stored()).toMatchObject(windows);
  });

  it('opens NO_BASELINE sooner once the organisation shortens the baseline window', async () => {
    const shorter = `org-kort-${suffix}`;
    const participantId = await feedParticipant(app, tokens.admin, {
      organisationId: shorter,
      regionId: region,
      startedOn: daysAgo(10),
      coachId: 'coach-an',
      monthlyHoursTarget: 20,
    });
    const gaps = () => http().get(`/participants/${participantId}/gaps`).set(as('admin')).expect(200);
    // Ten days in, the default six weeks have not passed.
    expect((await gaps()).body).toEqual([]);

    await http()
      .put(path(shorter))
      .set(as('admin'))
      .send({ baselineDueDays: 7, unaddressedDays: 30, stalledDays: 30 })
      .expect(200);
    const opened = await eventually(gaps, (response) => response.body.length > 0, {
      what: 'a NO_BASELINE gap after the shorter window',
    });
    expect(opened.body).toEqual([expect.objectContaining({ reasonCode: 'NO_BASELINE', closedOn: null })]);
  });
});
