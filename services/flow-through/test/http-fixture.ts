import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@stapsteen/calendar';
import { createTestKeyPair, mintToken, startTestService, testToday } from '@stapsteen/testing';
import { CLOCK } from '../src/shared/clock';
import { createEnvelope } from '@stapsteen/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../src/app.module';

/** Organisation and region ids unique to one test file, so files never see each other's data. */
export function fixtureIds() {
  const suffix = randomUUID().slice(0, 8);
  return {
    suffix,
    kempen: `region-kempen-${suffix}`,
    gent: `region-gent-${suffix}`,
    neteland: `org-neteland-${suffix}`,
    herentals: `org-herentals-${suffix}`,
    ghent: `org-gent-${suffix}`,
    vdab: `org-vdab-${suffix}`,
  };
}

export type FixtureIds = ReturnType<typeof fixtureIds>;
export type Caller = 'admin' | 'neteland' | 'coach' | 'herentals' | 'gent' | 'managerKempen' | 'managerGent';
/** A caller a spec adds for itself, by the claims of its token. */
export interface ExtraCaller {
  sub: string;
  role: string;
  orgIds: string[];
  regionId: string | null;
}

/** A message of the hours topic as hours publishes it: an envelope of `type` about the participant, keyed by its id. */
export const hoursMessage = (type: string, participantId: string, data: object) => ({
  key: participantId,
  value: JSON.stringify(
    createEnvelope({ type, version: 1, producer: 'hours', participantId, correlationId: randomUUID(), data }),
  ),
});

/** The service's today (the test clock: the Brussels date, or STAPSTEEN_TODAY when a run moves it). */
export const brusselsToday = testToday;

/**
 * Boots flow-through against the run's Kafka and FerretDB with three wijk-werkorganisaties in two
 * regions and a VDAB partner, and a token for staff and managers on either side of each scope line
 * (and for the spec's own `extraCallers`).
 */
export async function startFlowThroughFixture(
  ids: Omit<FixtureIds, 'suffix'>,
  extraCallers: Record<string, ExtraCaller> = {},
) {
  const keys = createTestKeyPair();
  const app: INestApplication = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
  const mint = (sub: string, role: string, orgIds: string[], regionId: string | null) =>
    mintToken(keys.privateKeyPem, { sub, role, orgIds, regionId });
  const tokens: Record<string, string> = {
    admin: await mint('admin', 'ADMIN', [], null),
    neteland: await mint('organiser-neteland', 'ORGANISER', [ids.neteland], ids.kempen),
    coach: await mint('coach-neteland', 'COACH', [ids.neteland], ids.kempen),
    herentals: await mint('organiser-herentals', 'ORGANISER', [ids.herentals], ids.kempen),
    gent: await mint('organiser-gent', 'ORGANISER', [ids.ghent], ids.gent),
    managerKempen: await mint('manager-kempen', 'REGIONAL_MANAGER', [], ids.kempen),
    managerGent: await mint('manager-gent', 'REGIONAL_MANAGER', [], ids.gent),
  } satisfies Record<Caller, string>;
  for (const [name, claims] of Object.entries(extraCallers)) {
    tokens[name] = await mint(claims.sub, claims.role, claims.orgIds, claims.regionId);
  }
  const http = () => request(app.getHttpServer());
  const as = (who: string) => {
    // Test tables name callers as strings; a typo should fail loudly, not send "Bearer undefined".
    const token = tokens[who];
    if (!token) throw new Error(`The flow-through fixture has no caller "${who}"`);
    return { Authorization: `Bearer ${token}` };
  };
  for (const [id, kind, regionId] of [
    [ids.neteland, 'WIJK_WERK', ids.kempen],
    [ids.herentals, 'WIJK_WERK', ids.kempen],
    [ids.ghent, 'WIJK_WERK', ids.gent],
    [ids.vdab, 'VDAB', ids.kempen],
  ]) {
    await http()
      .put('/organisations')
      .set(as('admin'))
      .send({ id, name: `Organisatie ${id}`, kind, regionId })
      .expect(200);
  }

  /** A participant of Neteland, referred (not yet started). */
  async function enrol(): Promise<string> {
    const enrolled = await http()
      .post('/participants')
      .set(as('neteland'))
      .send({
        organisationId: ids.neteland,
        firstName: 'Sofie',
        lastName: 'Verbeeck',
        dateOfBirth: '1987-04-12',
        referralSource: 'VDAB',
      })
      .expect(201);
    return enrolled.body.id;
  }

  /** A participant of Neteland whose trajectory started today. */
  async function started(): Promise<string> {
    const id = await enrol();
    await http()
      .post(`/participants/${id}/trajectory/start`)
      .set(as('neteland'))
      .send({ on: brusselsToday() })
      .expect(200);
    return id;
  }

  /**
   * Moves every clock of the service to 10:00 UTC on `day`, as days passing would; undone by
   * `jest.restoreAllMocks()`. Each module has its own clock provider, so all of them are moved.
   */
  function travelTo(day: string): void {
    for (const clock of app.get<symbol, Clock>(CLOCK, { strict: false, each: true })) {
      jest.spyOn(clock, 'today').mockReturnValue(day);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(`${day}T10:00:00.000Z`));
    }
  }

  return { app, http, as, enrol, started, travelTo, close: () => app.close() };
}

export type FlowThroughFixture = Awaited<ReturnType<typeof startFlowThroughFixture>>;
