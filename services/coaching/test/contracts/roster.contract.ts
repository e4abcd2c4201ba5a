import { createEnvelope, type EventEnvelope } from '@stapsteen/contracts';
import { randomUUID } from 'node:crypto';
import type { ParticipantRoster, RosterEntry } from '../../src/participants/application/participant-roster';
import type { Make } from './aggregate-store.contract';

const event = (participantId: string, type: string, data: object): EventEnvelope<unknown> =>
  createEnvelope({ type, version: 1, producer: 'flow-through', participantId, correlationId: randomUUID(), data });

/**
 * What the roster promises (participants/application/participant-roster.ts): each event applied
 * once, in any order of topics, and read back by typed queries only.
 */
export function describeParticipantRosterContract(name: string, make: Make<ParticipantRoster>) {
  describe(`${name} keeps the ParticipantRoster contract`, () => {
    let roster: ParticipantRoster;
    /** Organisations and regions of one test only: a shared database answers only what the test stored. */
    let suffix: string;
    let at: Record<'neteland' | 'geel' | 'elsewhere' | 'kempen' | 'antwerpen', string>;
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
    const ids = (entries: RosterEntry[]) => entries.map((entry) => entry.participantId);
    beforeEach(async () => {
      roster = await make();
      suffix = randomUUID().slice(0, 8);
      at = {
        neteland: `org-neteland-${suffix}`,
        geel: `org-geel-${suffix}`,
        elsewhere: `org-elders-${suffix}`,
        kempen: `region-kempen-${suffix}`,
        antwerpen: `region-antwerpen-${suffix}`,
      };
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
    });

    it("lists a reader's scope by display name: organisations, region, both, or everything", async () => {
      const sofie = await enrol('Sofie V.', at.neteland, at.kempen);
      const ahmed = await enrol('Ahmed B.', at.neteland, at.kempen);
      const bart = await enrol('Bart D.', at.geel, at.kempen);
      const lotte = await enrol('Lotte M.', at.elsewhere, at.antwerpen);

      expect(await roster.list({ organisationIds: [at.neteland] })).toEqual([ahmed, sofie]);
      expect(ids(await roster.list({ organisationIds: [at.geel, at.elsewhere] }))).toEqual(ids([bart, lotte]));
      expect(ids(await roster.list({ regionId: at.kempen }))).toEqual(ids([ahmed, bart, sofie]));
      expect(ids(await roster.list({ regionId: at.kempen, organisationIds: [at.geel, at.elsewhere] }))).toEqual(
        ids([bart]),
      );
      expect(await roster.list({ organisationIds: [] })).toEqual([]);
      expect(ids(await roster.list({}))).toEqual(expect.arrayContaining(ids([sofie, ahmed, bart, lotte])));
    });

    it('tells the region of an organisation from its participants, and null for one it never heard of', async () => {
      await enrol('Sofie V.', at.neteland, at.kempen);
      expect(await roster.regionOf(at.neteland)).toBe(at.kempen);
      expect(await roster.regionOf(`org-unknown-${suffix}`)).toBeNull();
    });

    it('forgets an erased participant in look-ups and lists, and remembers the erasure', async () => {
      const sofie = await enrol('Sofie V.', at.neteland, at.kempen);
      const ahmed = await enrol('Ahmed B.', at.neteland, at.kempen);
      expect(await roster.ids()).toEqual(expect.arrayContaining([sofie.participantId, ahmed.participantId]));
      await roster.apply(event(sofie.participantId, 'participant.erased', { participantId: sofie.participantId }));

      expect(await roster.findById(sofie.participantId)).toBeNull();
      expect(await roster.isErased(sofie.participantId)).toBe(true);
      expect(await roster.isErased(ahmed.participantId)).toBe(false);
      expect(await roster.list({ organisationIds: [at.neteland] })).toEqual([ahmed]);
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

    it('hands out copies: changing what it gave back changes nothing it knows', async () => {
      const sofie = await enrol('Sofie V.', at.neteland, at.kempen);
      const found = await roster.findById(sofie.participantId);
      found!.displayName = 'Changed';
      found!.trajectories[0].endedOn = '2026-03-01';
      const [listed] = await roster.list({ organisationIds: [at.neteland] });
      listed.trajectories.length = 0;
      expect(await roster.findById(sofie.participantId)).toEqual(sofie);
    });
  });
}
