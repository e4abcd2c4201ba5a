import { getConnectionToken } from '@nestjs/mongoose';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { toOutboxEntry } from '@stapsteen/messaging';
import { readTopicToEnd } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { MONTH_CLOSE_EVENTS_COLLECTION } from '../src/month-close/infrastructure/close-event-chunks';
import { MongoMonthCloses } from '../src/month-close/infrastructure/mongo-month-closes';
import { LAST_YEAR, hoursFixture } from './http-fixture';

/**
 * The set-up shared by the integration specs of a month close's events (services/hours/src/
 * month-close/month-close-events*.int-spec.ts, ADR 25): hours on a database of the spec file's own
 * with small chunks, organisations of a few participants each, their close of MONTH, and every event
 * of the hours topic read back up to its end.
 */

/** Last year of the services' calendar, so every month of it is over. */
export const YEAR = LAST_YEAR;
export const MONTH = `${YEAR}-09`;
/** Small chunks, so a close of a handful of participants spans several chunk documents. */
export const SMALL_CHUNKS = { maxEntries: 4, maxBytes: 1024 * 1024 };

export interface Read {
  key: string | null;
  eventId: string;
  type: string;
  participantId: string;
  organisationId: string;
  month: string;
}

/** Every message of the hours topic from the beginning up to its end as it is now: no waiting on silence. */
export async function hoursEventsUpToNow(keep: (event: Read) => boolean): Promise<Read[]> {
  const messages = await readTopicToEnd(TOPICS.hours, 50_000);
  return messages
    .map((message): Read => {
      const envelope = JSON.parse(message.value || '{}');
      return {
        key: message.key,
        eventId: envelope.eventId,
        type: envelope.type,
        participantId: envelope.participantId,
        organisationId: envelope.data?.organisationId,
        month: envelope.data?.month,
      };
    })
    .filter(keep);
}

/**
 * Hours on a database of its own with small chunks, started before the spec's tests and closed after
 * them; `restart` starts it again on the same database, as a redeployment would.
 */
export function closeEventsFixture() {
  const hours = hoursFixture({ MONGODB_DB: `test-hours-close-events-${randomUUID().slice(0, 8)}` });
  const { region } = hours.ids;
  const organiserOf: Record<string, string> = {};
  const start = async () => {
    const app = await hours.start();
    app.get(MongoMonthCloses).chunkLimits = SMALL_CHUNKS;
    return app;
  };
  const db = () => hours.app().get<Connection>(getConnectionToken());
  const draftsOf = (closeId: string) =>
    db()
      .collection(MONTH_CLOSE_EVENTS_COLLECTION)
      .find({ closeId }, { projection: { outbox: 0 } })
      .toArray();
  const organisationWith = async (participants: number) => {
    const organisationId = `org-${randomUUID().slice(0, 8)}`;
    organiserOf[organisationId] = await hours.mint({
      sub: `organiser-${organisationId}`,
      role: 'ORGANISER',
      orgIds: [organisationId],
      regionId: region,
    });
    const ids = await Promise.all(
      Array.from({ length: participants }, () =>
        hours.feed({ organisationId, startedOn: `${YEAR}-08-01`, monthlyHoursTarget: 20 }),
      ),
    );
    return { organisationId, ids };
  };
  const close = (organisationId: string) =>
    hours
      .http()
      .post(`/organisations/${organisationId}/months/${MONTH}/close`)
      .set({ Authorization: `Bearer ${organiserOf[organisationId]}` });
  const eventsOfClose = (organisationId: string) =>
    hoursEventsUpToNow((e) => e.organisationId === organisationId && e.month === MONTH);
  /** The outbox entries of a close of MONTH for these participants that a closer wrote and never published. */
  const participantMonthClosedEntries = (participantIds: string[], organisationId: string) =>
    participantIds.map((participantId) =>
      toOutboxEntry(
        TOPICS.hours,
        createEnvelope({
          type: 'hours.participant-month-closed',
          version: 1,
          producer: 'hours',
          participantId,
          correlationId: randomUUID(),
          data: { participantId, organisationId, regionId: region, month: MONTH, countedHours: 0, targetHours: 20 },
        }),
      ),
    );

  beforeAll(start);
  afterAll(() => hours.close());

  return {
    region,
    organiserOf,
    app: hours.app,
    restart: async () => {
      await hours.app().close();
      await start();
    },
    http: hours.http,
    db,
    draftsOf,
    organisationWith,
    closeMonth: close,
    eventsOfClose,
    participantMonthClosedEntries,
  };
}
