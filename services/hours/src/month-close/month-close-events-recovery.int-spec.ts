import { eventually } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { MONTH_CLOSE_EVENTS_COLLECTION } from './infrastructure/close-event-chunks';
import { MONTH_CLOSES_COLLECTION, MongoMonthCloses } from './infrastructure/mongo-month-closes';
import { MONTH, closeEventsFixture } from '../../test/month-close-events-fixture';

describe('the events of a month close whose closer died or lost the race (ADR 25)', () => {
  const events = closeEventsFixture();
  const {
    db,
    draftsOf,
    organisationWith,
    eventsOfClose,
    participantMonthClosedEntries,
    closeMonth: close,
    restart,
  } = events;

  it('removes the drafts of a closer that died before deciding, unpublished, and the month can still be closed', async () => {
    const { organisationId, ids } = await organisationWith(3);
    const closeId = `${organisationId}:${MONTH}`;
    const anHourAgo = new Date(Date.now() - 3_600_000);
    // What two crashed closes left: one died while writing drafts, one after its DECIDING fate.
    const orphans = participantMonthClosedEntries(ids, organisationId);
    const [died, decidedThenDied] = [randomUUID(), randomUUID()];
    await db()
      .collection(MONTH_CLOSE_EVENTS_COLLECTION)
      .insertMany([
        {
          _id: `${closeId}:${died}:events:0`,
          closeId,
          attempt: died,
          n: 0,
          startedAt: anHourAgo,
          outbox: orphans.slice(0, 2),
        },
        {
          _id: `${closeId}:${died}:events:1`,
          closeId,
          attempt: died,
          n: 1,
          startedAt: anHourAgo,
          outbox: orphans.slice(2),
        },
        {
          _id: `${closeId}:${decidedThenDied}:events:0`,
          closeId,
          attempt: decidedThenDied,
          n: 0,
          startedAt: anHourAgo,
          outbox: orphans,
        },
        {
          _id: `${closeId}:${decidedThenDied}:fate`,
          closeId,
          attempt: decidedThenDied,
          fate: 'DECIDING',
          at: anHourAgo,
        },
      ] as never[]);

    await restart();
    // The sweep removes an attempt's chunks and then its fate: wait for both, not just the chunks
    // (a fresh-clone run read the drafts between the two and found the dead DECIDING fate).
    const left = await eventually(
      () => draftsOf(closeId),
      (documents) => documents.every((d) => !String(d._id).includes(':events:') && d.attempt !== decidedThenDied),
      { what: 'the undecided drafts and the dead DECIDING fate removed' },
    );
    // Only the marker that keeps the dead closer from deciding late stays.
    expect(left.map((d) => ({ _id: d._id, fate: d.fate }))).toEqual([
      { _id: `${closeId}:${died}:fate`, fate: 'ABANDONED' },
    ]);
    const orphanIds = new Set(orphans.map((o) => o.eventId));
    expect((await eventsOfClose(organisationId)).filter((e) => orphanIds.has(e.eventId))).toEqual([]);

    await close(organisationId).expect(201);
    // Published and removed: at most the dead closer's ABANDONED marker is left (removed once another close decided).
    await eventually(
      () => draftsOf(closeId),
      (documents) => documents.every((d) => d.attempt === died),
      {
        what: 'the close published',
      },
    );
    const published = await eventsOfClose(organisationId);
    expect(published.filter((e) => orphanIds.has(e.eventId))).toEqual([]);
    expect(published.map((e) => e.type).sort()).toEqual([
      'hours.month-closed',
      'hours.participant-month-closed',
      'hours.participant-month-closed',
      'hours.participant-month-closed',
    ]);
  });

  it('lets one of two simultaneous closes of a month win; the other’s drafts are never published', async () => {
    const { organisationId, ids } = await organisationWith(5);
    const closeId = `${organisationId}:${MONTH}`;
    const statuses = (await Promise.all([close(organisationId), close(organisationId)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409]);

    // A third close that got past the ledger as well and loses at the decisive insert, after its drafts.
    const closes = events.app().get(MongoMonthCloses);
    const late = participantMonthClosedEntries(ids, organisationId);
    const lost = await closes.insert(
      {
        organisationId,
        month: MONTH,
        closedAt: new Date().toISOString(),
        closedBy: 'AUTOMATIC',
        closedByUser: null,
        results: [],
      },
      late,
    );
    expect(lost).toBe(false);

    const stored = await db()
      .collection(MONTH_CLOSES_COLLECTION)
      .findOne({ _id: closeId as never });
    expect(stored?.events).toEqual({ attempt: expect.any(String), chunks: 2 });
    await eventually(
      () => draftsOf(closeId),
      (left) => left.length === 0,
      { what: 'every draft published or removed' },
    );
    const published = await eventsOfClose(organisationId);
    const lateIds = new Set(late.map((e) => e.eventId));
    expect(published.filter((e) => lateIds.has(e.eventId))).toEqual([]);
    expect(published.map((e) => `${e.type}:${e.participantId}`).sort()).toEqual(
      [...ids.map((id) => `hours.participant-month-closed:${id}`), `hours.month-closed:${organisationId}`].sort(),
    );
  });
});
