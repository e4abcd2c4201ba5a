import { randomUUID } from 'node:crypto';
import {
  describeRosterContract,
  type RosterUnderTest as CommonRosterUnderTest,
} from '../../../../libs/participant-roster/test/roster.contract';
import type { RosterEntryBase } from '@stapsteen/participant-roster';
import type { ParticipantRoster, RosterEntry } from '../../src/participants/application/participant-roster';
import type { Make } from './participant-years.contract';

/**
 * A roster to test and the way participants get into it: the MongoDB adapter learns them from
 * flow-through's events (`apply`), the fake is told them directly.
 */
export interface RosterUnderTest extends Pick<CommonRosterUnderTest<RosterEntry>, 'know' | 'erase'> {
  roster: ParticipantRoster;
}

/** A common roster entry with hours' own fields: a target, ex-PWA status, suspensions. */
const hoursEntry = (common: RosterEntryBase, variant: number): RosterEntry => ({
  ...common,
  monthlyHoursTarget: variant === 1 ? null : 20,
  exPwa: variant === 2,
  trajectories: common.trajectories.map((t) => ({ ...t, suspensions: [] })),
});

/**
 * What every ParticipantRoster of hours promises (its doc comments in
 * participants/application/participant-roster.ts), run against the fake and the MongoDB adapter:
 * the common roster contract (libs/participant-roster/test/roster.contract.ts) and hours' own reads.
 */
export function describeParticipantRosterContract(name: string, make: Make<RosterUnderTest>) {
  describeRosterContract<RosterEntry>(
    name,
    async () => {
      const { roster, know, erase } = await make();
      return {
        know,
        erase,
        list: (scope) => roster.list({ scope }),
        findById: (participantId) => roster.findById(participantId),
      };
    },
    hoursEntry,
  );

  describe(`${name} keeps hours' ParticipantRoster contract`, () => {
    let subject: RosterUnderTest;
    let roster: ParticipantRoster;
    let places: { region: string; neteland: string; kempen: string };
    let sofie: RosterEntry, ahmed: RosterEntry, bart: RosterEntry;

    const anEntry = (organisationId: string, displayName: string, variant = 0): RosterEntry =>
      hoursEntry(
        {
          participantId: randomUUID(),
          organisationId,
          regionId: places.region,
          displayName,
          coachId: null,
          trajectories: [{ trajectoryId: randomUUID(), startedOn: '2026-02-02', endedOn: null }],
        },
        variant,
      );

    beforeEach(async () => {
      subject = await make();
      roster = subject.roster;
      const s = randomUUID().slice(0, 8);
      places = { region: `region-kempen-${s}`, neteland: `org-neteland-${s}`, kempen: `org-kempen-${s}` };
      sofie = anEntry(places.neteland, 'Sofie V.');
      ahmed = anEntry(places.neteland, 'Ahmed B.', 1);
      bart = anEntry(places.kempen, 'Bart D.', 2);
      await subject.know([sofie, ahmed, bart]);
    });

    it("lists one organisation's participants by display name", async () => {
      expect(await roster.list({ organisationId: places.neteland })).toEqual([ahmed, sofie]);
      expect(await roster.list({ organisationId: `org-unknown-${randomUUID()}` })).toEqual([]);
    });

    it('names the organisations that have participants, not those of erased ones', async () => {
      expect(await roster.organisations()).toEqual(expect.arrayContaining([places.neteland, places.kempen]));
      await subject.erase(bart.participantId);
      expect(await roster.organisations()).not.toContain(places.kempen);
      expect(await roster.list({ organisationId: places.kempen })).toEqual([]);
    });
  });
}
