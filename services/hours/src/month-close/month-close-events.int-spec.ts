import { eventually } from '@stapsteen/testing';
import { MONTH_CLOSE_EVENTS_COLLECTION } from './infrastructure/close-event-chunks';
import { MONTH_CLOSES_COLLECTION, MongoMonthCloses } from './infrastructure/mongo-month-closes';
import {
  MONTH,
  SMALL_CHUNKS,
  YEAR,
  closeEventsFixture,
  hoursEventsUpToNow,
} from '../../test/month-close-events-fixture';

describe('the events of a month close, in chunk documents decided by the close (ADR 25)', () => {
  const events = closeEventsFixture();
  const { organiserOf, http, db, draftsOf, organisationWith, eventsOfClose, closeMonth: close, restart } = events;

  it('stores a close of many participants in several chunks and publishes every event once, also after a restart', async () => {
    const { organisationId, ids } = await organisationWith(9);
    const response = await close(organisationId).expect(201);
    expect(response.body.results).toHaveLength(9);
    const closeId = `${organisationId}:${MONTH}`;

    // 9 participant totals and 1 organisation summary, 4 to a chunk: 3 chunk documents.
    const stored = await db()
      .collection(MONTH_CLOSES_COLLECTION)
      .findOne({ _id: closeId as never });
    expect(stored?.events).toEqual({ attempt: expect.any(String), chunks: 3 });
    expect(stored?.outbox).toBeUndefined();
    await eventually(
      () => draftsOf(closeId),
      (left) => left.length === 0,
      { what: 'the published chunks removed' },
    );

    const published = await eventsOfClose(organisationId);
    const expected = [
      ...ids.map((id) => `hours.participant-month-closed:${id}`),
      `hours.month-closed:${organisationId}`,
    ];
    expect(published.map((e) => `${e.type}:${e.participantId}`).sort()).toEqual(expected.sort());
    expect(new Set(published.map((e) => e.eventId)).size).toBe(10);

    await restart();
    await eventually(
      () => draftsOf(closeId),
      (left) => left.length === 0,
    );
    const afterRestart = await eventsOfClose(organisationId);
    expect(afterRestart.map((e) => e.eventId).sort()).toEqual(published.map((e) => e.eventId).sort());
  });

  it('keeps each participant’s events in order across the chunks of two closes', async () => {
    const { organisationId, ids } = await organisationWith(6);
    const october = `${YEAR}-10`;
    await close(organisationId).expect(201);
    // Nobody has hours: a second month below target flags all six. 6 totals, 6 flags, 1 summary, 3 to a
    // chunk: 5 chunks, and a participant's total and flag fall in different chunks (2nd, 5th participant).
    events.app().get(MongoMonthCloses).chunkLimits = { maxEntries: 3, maxBytes: 1024 * 1024 };
    const second = await http()
      .post(`/organisations/${organisationId}/months/${october}/close`)
      .set({ Authorization: `Bearer ${organiserOf[organisationId]}` })
      .expect(201);
    expect(second.body.flagged).toBe(6);
    const stored = await db()
      .collection(MONTH_CLOSES_COLLECTION)
      .findOne({ _id: `${organisationId}:${october}` as never });
    events.app().get(MongoMonthCloses).chunkLimits = SMALL_CHUNKS;
    expect(stored?.events).toEqual({ attempt: expect.any(String), chunks: 5 });
    await eventually(
      () =>
        db()
          .collection(MONTH_CLOSE_EVENTS_COLLECTION)
          .countDocuments({ closeId: { $in: [`${organisationId}:${MONTH}`, `${organisationId}:${october}`] } }),
      (left) => left === 0,
      { what: 'both closes published' },
    );

    const published = await hoursEventsUpToNow((e) => e.organisationId === organisationId);
    for (const participantId of ids) {
      expect(published.filter((e) => e.participantId === participantId).map((e) => `${e.type} ${e.month}`)).toEqual([
        `hours.participant-month-closed ${MONTH}`,
        `hours.participant-month-closed ${october}`,
        `participant.low-hours-flagged ${october}`,
      ]);
    }
  });
});
