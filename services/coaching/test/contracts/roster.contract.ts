import { randomUUID } from 'node:crypto';
import {
  describeRosterContract,
  learnsFromEvents,
  participantEvent as event,
} from '../../../../libs/participant-roster/test/roster.contract';
import type { ParticipantRoster, RosterEntry } from '../../src/participants/application/participant-roster';
import type { Make } from './aggregate-store.contract';

/**
 * What coaching's roster promises (participants/application/participant-roster.ts): the common
 * roster contract (libs/participant-roster/test/roster.contract.ts), each event applied once, in
 * any order of topics, hours' low-hours flag, and the reads only coaching makes.
 */
export function describeParticipantRosterContract(name: string, make: Make<ParticipantRoster>) {
  describeRosterContract<RosterEntry>(
    name,
    async () => {
      const roster = await make();
      return {
        ...learnsFromEvents<RosterEntry>((envelope) => roster.apply(envelope)),
        list: (scope) => roster.list(scope),
        findById: (participantId) => roster.findById(participantId),
      };
    },
    (common) => ({ ...common, lowHours: null }),
  );

  describe(`${name} keeps coaching's ParticipantRoster contract`, () => {
    let roster: ParticipantRoster;
    /** Organisations and regions of one test only: a shared database answers only what the test stored. */
    let suffix: string;
    let at: Record<'neteland' | 'geel' | 'kempen', string>;
    const enrol = async (displayName: string, organisationId: string, regionId: string) => {
      const participantId = randomUUID();
      const trajectoryId = randomUUID();
      await roster.apply(
        event(participantId, 'participant.enrolled', {
          participantId,
          organisationId,
          regionId,
          displayName,
          coachId: 'coach-an',
        }),
      );
      await roster.apply(
        event(participantId, 'trajectory.started', { trajectoryId, organisationId, regionId, startedOn: '2026-02-02' }),
      );
      return {
        participantId,
        organisationId,
        regionId,
        displayName,
        coachId: 'coach-an',
        trajectories: [{ trajectoryId, startedOn: '2026-02-02', endedOn: null }],
        lowHours: null,
      } satisfies RosterEntry;
    };
    beforeEach(async () => {
      roster = await make();
      suffix = randomUUID().slice(0, 8);
      at = { neteland: `org-neteland-${suffix}`, geel: `org-geel-${suffix}`, kempen: `region-kempen-${suffix}` };
    });

    it('applies each event once: a redelivery changes nothing', async () => {
      const sofie = await enrol('Sofie V.', at.neteland, at.kempen);
      const ended = event(sofie.participantId, 'trajectory.ended', {
        trajectoryId: sofie.trajectories[0].trajectoryId,
        endedOn: '2026-04-30',
      });
      expect(await roster.apply(ended)).toBe(true);
      expect(await roster.apply(ended)).toBe(false);
      expect(await roster.findById(sofie.participantId)).toEqual({
        ...sofie,
        trajectories: [{ ...sofie.trajectories[0], endedOn: '2026-04-30' }],
      });
      expect(await roster.apply(event(sofie.participantId, 'something.else', {}))).toBe(false);
      const suspended = { trajectoryId: sofie.trajectories[0].trajectoryId, suspendedOn: '2026-03-02' };
      expect(await roster.apply(event(sofie.participantId, 'trajectory.suspended', suspended))).toBe(false);
    });

    it("keeps hours' low-hours flag: raised by a flagged month, lowered by a cleared one", async () => {
      const sofie = await enrol('Sofie V.', at.neteland, at.kempen);
      const flagged = { organisationId: at.neteland, regionId: at.kempen, month: '2026-10', severity: 'HIGH' };
      await roster.apply(event(sofie.participantId, 'participant.low-hours-flagged', flagged));
      expect(await roster.findById(sofie.participantId)).toEqual({
        ...sofie,
        lowHours: { flagged: true, month: '2026-10', severity: 'HIGH' },
      });
      await roster.apply(event(sofie.participantId, 'participant.low-hours-cleared', { month: '2026-11' }));
      expect((await roster.findById(sofie.participantId))?.lowHours).toEqual({
        flagged: false,
        month: '2026-11',
        severity: null,
      });
    });

    it('tells the region of an organisation from its participants, and null for one it never heard of', async () => {
      await enrol('Sofie V.', at.neteland, at.kempen);
      expect(await roster.regionOf(at.neteland)).toBe(at.kempen);
      expect(await roster.regionOf(`org-unknown-${suffix}`)).toBeNull();
    });

    it('names every participant not erased, and remembers an erasure', async () => {
      const sofie = await enrol('Sofie V.', at.neteland, at.kempen);
      const ahmed = await enrol('Ahmed B.', at.neteland, at.kempen);
      expect(await roster.ids()).toEqual(expect.arrayContaining([sofie.participantId, ahmed.participantId]));
      await roster.apply(event(sofie.participantId, 'participant.erased', { participantId: sofie.participantId }));

      expect(await roster.isErased(sofie.participantId)).toBe(true);
      expect(await roster.isErased(ahmed.participantId)).toBe(false);
      expect(await roster.ids()).not.toContain(sofie.participantId);
    });

    it('knows a participant whose trajectory event came before the enrolment, but lists them only with a name', async () => {
      const participantId = randomUUID();
      const trajectoryId = randomUUID();
      await roster.apply(
        event(participantId, 'trajectory.started', {
          trajectoryId,
          organisationId: at.geel,
          regionId: at.kempen,
          startedOn: '2026-03-02',
        }),
      );
      expect(await roster.findById(participantId)).toEqual({
        participantId,
        organisationId: at.geel,
        regionId: at.kempen,
        displayName: '',
        coachId: null,
        trajectories: [{ trajectoryId, startedOn: '2026-03-02', endedOn: null }],
        lowHours: null,
      });
      expect(await roster.list({ organisationIds: [at.geel] })).toEqual([]);
    });
  });
}
