import type { ReadScope } from '@stapsteen/auth';
import { createEnvelope, type EventEnvelope } from '@stapsteen/contracts';
import { randomUUID } from 'node:crypto';
import type { RosterEntryBase } from '../src/roster-projection';

/**
 * A roster to test, whatever service keeps it, and the way participants get into it: an adapter
 * learns them from flow-through's events (`learnsFromEvents`), a fake may be told them directly.
 */
export interface RosterUnderTest<Entry extends RosterEntryBase> {
  /** Makes the roster know these participants, as flow-through's events would. */
  know(entries: Entry[]): Promise<void>;
  /** Erases a participant, as flow-through's `participant.erased` would. */
  erase(participantId: string): Promise<void>;
  list(scope: ReadScope): Promise<Entry[]>;
  findById(participantId: string): Promise<Entry | null>;
}

/** A flow-through event about one participant, as the consumers receive it. */
export const participantEvent = (participantId: string, type: string, data: object): EventEnvelope<unknown> =>
  createEnvelope({ type, version: 1, producer: 'flow-through', participantId, correlationId: randomUUID(), data });

/**
 * `know` and `erase` by the events flow-through publishes (enrolment with `participantFields`,
 * then each trajectory's start), applied as the service's consumer applies them.
 */
export function learnsFromEvents<Entry extends RosterEntryBase>(
  apply: (envelope: EventEnvelope<unknown>) => Promise<unknown>,
  participantFields: (entry: Entry) => object = () => ({}),
): Pick<RosterUnderTest<Entry>, 'know' | 'erase'> {
  return {
    know: async (entries) => {
      for (const entry of entries) {
        const { participantId, organisationId, regionId, displayName, coachId } = entry;
        await apply(
          participantEvent(participantId, 'participant.enrolled', {
            participantId,
            organisationId,
            regionId,
            displayName,
            coachId,
            ...participantFields(entry),
          }),
        );
        for (const { trajectoryId, startedOn } of entry.trajectories) {
          await apply(
            participantEvent(participantId, 'trajectory.started', {
              trajectoryId,
              participantId,
              organisationId,
              regionId,
              startedOn,
            }),
          );
        }
      }
    },
    erase: async (participantId) => {
      await apply(participantEvent(participantId, 'participant.erased', { participantId }));
    },
  };
}

/**
 * What every participant roster promises its readers, in hours and in coaching alike, run against
 * each service's fake and its MongoDB adapter. `entryOf` completes a common entry with the
 * service's own fields; `variant` (0 to 3) lets it vary them between the four participants.
 */
export function describeRosterContract<Entry extends RosterEntryBase>(
  name: string,
  make: () => RosterUnderTest<Entry> | Promise<RosterUnderTest<Entry>>,
  entryOf: (common: RosterEntryBase, variant: number) => Entry,
) {
  describe(`${name} keeps the common participant roster contract`, () => {
    let subject: RosterUnderTest<Entry>;
    let places: Record<'region' | 'otherRegion' | 'neteland' | 'geel' | 'elsewhere', string>;
    let sofie: Entry, ahmed: Entry, bart: Entry, lotte: Entry;

    const anEntry = (variant: number, organisationId: string, regionId: string, displayName: string): Entry =>
      entryOf(
        {
          participantId: randomUUID(),
          organisationId,
          regionId,
          displayName,
          coachId: variant === 1 ? 'coach-an' : null,
          trajectories: [{ trajectoryId: randomUUID(), startedOn: '2026-02-02', endedOn: null }],
        },
        variant,
      );
    const ids = (entries: Entry[]) => entries.map((entry) => entry.participantId);

    beforeEach(async () => {
      subject = await make();
      // Organisations and regions of one test only: a shared database answers only what the test stored.
      const suffix = randomUUID().slice(0, 8);
      places = {
        region: `region-kempen-${suffix}`,
        otherRegion: `region-antwerpen-${suffix}`,
        neteland: `org-neteland-${suffix}`,
        geel: `org-geel-${suffix}`,
        elsewhere: `org-elders-${suffix}`,
      };
      sofie = anEntry(0, places.neteland, places.region, 'Sofie V.');
      ahmed = anEntry(1, places.neteland, places.region, 'Ahmed B.');
      bart = anEntry(2, places.geel, places.region, 'Bart D.');
      lotte = anEntry(3, places.elsewhere, places.otherRegion, 'Lotte M.');
      await subject.know([sofie, ahmed, bart, lotte]);
    });

    it("lists a reader's scope by display name: organisations, region, both, or everything", async () => {
      expect(await subject.list({ organisationIds: [places.neteland] })).toEqual([ahmed, sofie]);
      expect(ids(await subject.list({ organisationIds: [places.geel, places.elsewhere] }))).toEqual(ids([bart, lotte]));
      expect(ids(await subject.list({ regionId: places.region }))).toEqual(ids([ahmed, bart, sofie]));
      expect(
        ids(await subject.list({ regionId: places.region, organisationIds: [places.geel, places.elsewhere] })),
      ).toEqual(ids([bart]));
      expect(await subject.list({ organisationIds: [] })).toEqual([]);
      expect(ids(await subject.list({}))).toEqual(expect.arrayContaining(ids([sofie, ahmed, bart, lotte])));
    });

    it('finds a participant by id with everything it knows, and nobody it does not know', async () => {
      expect(await subject.findById(ahmed.participantId)).toEqual(ahmed);
      expect(await subject.findById(bart.participantId)).toEqual(bart);
      expect(await subject.findById(randomUUID())).toBeNull();
    });

    it('forgets an erased participant in look-ups and lists', async () => {
      await subject.erase(bart.participantId);
      expect(await subject.findById(bart.participantId)).toBeNull();
      expect(ids(await subject.list({ regionId: places.region }))).toEqual(ids([ahmed, sofie]));
      expect(await subject.list({ organisationIds: [places.geel] })).toEqual([]);
    });

    it('hands out copies: changing what it gave back changes nothing it knows', async () => {
      const found = await subject.findById(sofie.participantId);
      found!.displayName = 'Changed';
      found!.trajectories[0].endedOn = '2026-03-01';
      const [listed] = await subject.list({ organisationIds: [places.geel] });
      listed.trajectories.length = 0;
      expect(await subject.findById(sofie.participantId)).toEqual(sofie);
      expect(await subject.list({ organisationIds: [places.neteland] })).toEqual([ahmed, sofie]);
      expect(await subject.findById(bart.participantId)).toEqual(bart);
    });
  });
}
