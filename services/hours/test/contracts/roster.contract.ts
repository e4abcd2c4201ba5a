import { randomUUID } from 'node:crypto';
import type { ParticipantRoster, RosterEntry } from '../../src/participants/application/participant-roster';
import type { Make } from './participant-years.contract';

/**
 * A roster to test and the way participants get into it: the MongoDB adapter learns them from
 * flow-through's events (`apply`), the fake is told them directly.
 */
export interface RosterUnderTest {
  roster: ParticipantRoster;
  /** Makes the roster know these participants, as flow-through's events would. */
  know(entries: RosterEntry[]): Promise<void>;
  /** Erases a participant, as flow-through's `participant.erased` would. */
  erase(participantId: string): Promise<void>;
}

/**
 * What every ParticipantRoster promises about the participants it knows (its doc comments in
 * participants/application/participant-roster.ts), run against the fake and the MongoDB adapter.
 */
export function describeParticipantRosterContract(name: string, make: Make<RosterUnderTest>) {
  describe(`${name} keeps the ParticipantRoster contract`, () => {
    let subject: RosterUnderTest;
    let roster: ParticipantRoster;
    const suffix = () => randomUUID().slice(0, 8);
    let places: { region: string; otherRegion: string; neteland: string; kempen: string; elsewhere: string };

    const anEntry = (organisationId: string, regionId: string, displayName: string): RosterEntry => ({
      participantId: randomUUID(),
      organisationId,
      regionId,
      displayName,
      coachId: null,
      monthlyHoursTarget: 20,
      exPwa: false,
      trajectories: [{ trajectoryId: randomUUID(), startedOn: '2026-02-02', endedOn: null, suspensions: [] }],
    });

    let sofie: RosterEntry, ahmed: RosterEntry, bart: RosterEntry, lotte: RosterEntry;
    beforeEach(async () => {
      subject = await make();
      roster = subject.roster;
      const s = suffix();
      places = {
        region: `region-kempen-${s}`,
        otherRegion: `region-antwerpen-${s}`,
        neteland: `org-neteland-${s}`,
        kempen: `org-kempen-${s}`,
        elsewhere: `org-elsewhere-${s}`,
      };
      sofie = anEntry(places.neteland, places.region, 'Sofie V.');
      ahmed = { ...anEntry(places.neteland, places.region, 'Ahmed B.'), coachId: 'coach-1', monthlyHoursTarget: null };
      bart = { ...anEntry(places.kempen, places.region, 'Bart D.'), exPwa: true };
      lotte = anEntry(places.elsewhere, places.otherRegion, 'Lotte M.');
      await subject.know([sofie, ahmed, bart, lotte]);
    });

    const ids = (entries: RosterEntry[]) => entries.map((e) => e.participantId);

    it("lists one organisation's participants by display name", async () => {
      expect(await roster.list({ organisationId: places.neteland })).toEqual([ahmed, sofie]);
      expect(await roster.list({ organisationId: `org-unknown-${suffix()}` })).toEqual([]);
    });

    it("lists a reader's scope: its organisations, its region, or both at once", async () => {
      expect(ids(await roster.list({ scope: { organisationIds: [places.kempen, places.elsewhere] } }))).toEqual(
        ids([bart, lotte]),
      );
      expect(ids(await roster.list({ scope: { regionId: places.region } }))).toEqual(ids([ahmed, bart, sofie]));
      expect(
        ids(
          await roster.list({ scope: { regionId: places.region, organisationIds: [places.kempen, places.elsewhere] } }),
        ),
      ).toEqual(ids([bart]));
      expect(await roster.list({ scope: { organisationIds: [] } })).toEqual([]);
      const everyone = ids(await roster.list({ scope: {} }));
      expect(everyone).toEqual(expect.arrayContaining(ids([sofie, ahmed, bart, lotte])));
    });

    it('finds a participant by id with everything it knows, and nobody it does not know', async () => {
      expect(await roster.findById(ahmed.participantId)).toEqual(ahmed);
      expect(await roster.findById(randomUUID())).toBeNull();
    });

    it('names the organisations that have participants', async () => {
      expect(await roster.organisations()).toEqual(
        expect.arrayContaining([places.neteland, places.kempen, places.elsewhere]),
      );
    });

    it('forgets an erased participant in lists, look-ups and organisations', async () => {
      await subject.erase(bart.participantId);
      expect(await roster.findById(bart.participantId)).toBeNull();
      expect(ids(await roster.list({ scope: { regionId: places.region } }))).toEqual(ids([ahmed, sofie]));
      expect(await roster.organisations()).not.toContain(places.kempen);
    });

    it('hands out copies: changing what it gave back changes nothing it knows', async () => {
      const [first] = await roster.list({ organisationId: places.neteland });
      first.displayName = 'Changed';
      first.trajectories[0].endedOn = '2026-03-01';
      const found = await roster.findById(sofie.participantId);
      found!.trajectories.length = 0;
      expect(await roster.list({ organisationId: places.neteland })).toEqual([ahmed, sofie]);
    });
  });
}
