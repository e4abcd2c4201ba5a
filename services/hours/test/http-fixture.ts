import type { INestApplication } from '@nestjs/common';
import { createTestKeyPair, feedParticipant, mintToken, startTestService, testToday } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HOURS_SERVICE_FOR_TESTS } from '../src/app.module';

/** Last year of the services' calendar (STAPSTEEN_TODAY or the real day), so every date of it lies in the past. */
export const LAST_YEAR = Number(testToday().slice(0, 4)) - 1;

/**
 * The set-up shared by the hours service's integration specs over HTTP: hours on the run's Kafka and
 * FerretDB (`env` adds to its environment, e.g. a database of the spec's own), a region and an
 * organisation of one spec file's own, tokens for an admin, the organisation's organiser and an
 * organiser of another organisation ("stranger"), and participants fed as flow-through would.
 */
export function hoursFixture(env: Record<string, string> = {}) {
  const suffix = randomUUID().slice(0, 8);
  const ids = { suffix, region: `region-kempen-${suffix}`, organisation: `org-neteland-${suffix}` };
  const keys = createTestKeyPair();
  const tokens: Record<string, string> = {};
  let app: INestApplication | undefined;
  const started = (): INestApplication => {
    if (!app) throw new Error('The hours fixture has not been started');
    return app;
  };
  const mint = (claims: Parameters<typeof mintToken>[1]) => mintToken(keys.privateKeyPem, claims);

  async function start(): Promise<INestApplication> {
    app = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem, env);
    if (!tokens.admin) {
      tokens.admin = await mint({ sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
      tokens.organiser = await mint({
        sub: 'organiser-1',
        role: 'ORGANISER',
        orgIds: [ids.organisation],
        regionId: ids.region,
      });
      tokens.stranger = await mint({
        sub: 'organiser-2',
        role: 'ORGANISER',
        orgIds: [`org-other-${suffix}`],
        regionId: ids.region,
      });
    }
    return app;
  }

  /** A participant whose trajectory started on `startedOn`, as flow-through announces one. */
  const feed = (participant: { startedOn: string; monthlyHoursTarget?: number; organisationId?: string }) =>
    feedParticipant(started(), tokens.admin, {
      organisationId: ids.organisation,
      regionId: ids.region,
      ...participant,
    });

  return {
    ids,
    start,
    /** Stops the app and starts it again on the same database, as a redeployment would. */
    restart: async () => {
      await started().close();
      return start();
    },
    close: () => app?.close(),
    app: started,
    http: () => request(started().getHttpServer()),
    as: (who: string) => ({ Authorization: `Bearer ${tokens[who]}` }),
    tokens,
    mint,
    feed,
  };
}
