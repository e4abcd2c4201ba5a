import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { feedParticipant, mintToken, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { testGatewayConfig } from './gateway-fixture';

/**
 * The set-up the gateway's input specs share (exact-bodies, hostile-input): hours and flow-through
 * behind a real gateway with one organisation and participant, and a count of what is stored.
 */

/**
 * Read models a service keeps from Kafka. The fixtures' own events still reach them while a test
 * runs, and a refused request reaches them only through an event, which it would have had to
 * write into an aggregate's outbox first: the aggregates are where "nothing stored" is checked.
 */
const FED_BY_EVENTS = /^(kpi_|participant_alerts$|participant_roster$|due_)/;
/**
 * Version claims (ADR 18) are the write bookkeeping of aggregates, not data: the outbox relay
 * claims its removal of an earlier, accepted write's published events whenever it gets to it, so
 * the count can move during a refused request (seen in a fresh-clone run: 19 → 20 while a NUL in a
 * first name was refused). A refused request that stored anything shows in the aggregates.
 */
const BOOKKEEPING = new Set(['aggregate_claims']);

/** How many documents each aggregate collection of a service's database holds: "nothing stored" is "no count changed". */
export async function documentCounts(app: INestApplication): Promise<Record<string, number>> {
  const connection = app.get<Connection>(getConnectionToken());
  const counts: Record<string, number> = {};
  for (const collection of await connection.db!.collections())
    if (!FED_BY_EVENTS.test(collection.collectionName) && !BOOKKEEPING.has(collection.collectionName))
      counts[collection.collectionName] = await collection.countDocuments();
  return counts;
}

export interface HoursBehindGateway {
  hours: INestApplication;
  flowThrough: INestApplication;
  gateway: INestApplication;
  /** An organiser's token scoped to the organisation. */
  organiser: string;
  /** A service admin's token (not a gateway account). */
  serviceAdmin: string;
  /** A started participant of the organisation, fed into hours. */
  participantId: string;
  close(): Promise<void>;
}

/**
 * Hours and flow-through on loopback behind a real gateway, one organisation saved in flow-through
 * with one started participant fed into hours, and an organiser's token for that organisation.
 */
export async function startHoursBehindGateway(options: {
  keys: { privateKeyPem: string; publicKeyPem: string };
  organisation: string;
  organisationName: string;
  region: string;
  organiserSub: string;
  startedOn: string;
  gatewayEnv?: Record<string, string>;
}): Promise<HoursBehindGateway> {
  const { keys, organisation, region } = options;
  const started: INestApplication[] = [];
  const close = async () => {
    const [gateway, ...services] = [...started].reverse();
    await gateway?.close();
    await Promise.all(services.map((app) => app.close()));
  };
  try {
    const [hours, flowThrough] = await Promise.all([
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
    ]);
    started.push(hours, flowThrough);
    await Promise.all([hours.listen(0, '127.0.0.1'), flowThrough.listen(0, '127.0.0.1')]);
    const urlOf = (app: INestApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const gateway = await createGatewayApp(
      testGatewayConfig(keys, { HOURS_URL: urlOf(hours), FLOW_THROUGH_URL: urlOf(flowThrough), ...options.gatewayEnv }),
    );
    started.push(gateway);
    const organiser = await mintToken(keys.privateKeyPem, {
      sub: options.organiserSub,
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    const serviceAdmin = await mintToken(keys.privateKeyPem, {
      sub: 'admin',
      role: 'ADMIN',
      orgIds: [],
      regionId: null,
    });
    await request(flowThrough.getHttpServer())
      .put('/organisations')
      .set('Authorization', `Bearer ${serviceAdmin}`)
      .send({ id: organisation, name: options.organisationName, kind: 'WIJK_WERK', regionId: region })
      .expect(200);
    const participantId = await feedParticipant(hours, serviceAdmin, {
      organisationId: organisation,
      regionId: region,
      startedOn: options.startedOn,
    });
    return { hours, flowThrough, gateway, organiser, serviceAdmin, participantId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
