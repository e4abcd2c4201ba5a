import { randomUUID } from 'node:crypto';
import type { GapRepository } from '../../src/gaps/application/gap-service';
import type { ParticipantGaps } from '../../src/gaps/domain/participant-gaps';
import { Make, describeAggregateStoreContract } from './aggregate-store.contract';

export const someGaps = (
  participantId: string,
  where: { organisationId: string; regionId: string; coachId: string | null } = {
    organisationId: 'org-neteland',
    regionId: 'region-kempen',
    coachId: 'coach-an',
  },
): ParticipantGaps => ({
  participantId,
  ...where,
  openCount: 1,
  gaps: [
    {
      gapId: `gap-${participantId}`,
      reasonCode: 'NO_BASELINE',
      competencyCode: null,
      openedOn: '2026-05-04',
      closedOn: null,
    },
  ],
});

export function describeGapRepositoryContract(name: string, make: Make<GapRepository>) {
  describeAggregateStoreContract(
    name,
    make,
    (id) => someGaps(id),
    (document) => ({
      ...document,
      openCount: 0,
      gaps: document.gaps.map((gap) => ({ ...gap, closedOn: '2026-05-05' })),
    }),
  );

  describe(`${name} keeps the GapRepository contract`, () => {
    let gaps: GapRepository;
    const suffix = () => randomUUID().slice(0, 8);
    const store = async (where: Parameters<typeof someGaps>[1]) => {
      const document = someGaps(randomUUID(), where);
      await gaps.insert(document.participantId, document, []);
      return document;
    };
    const participants = (documents: ParticipantGaps[]) => documents.map((d) => d.participantId).sort();
    beforeEach(async () => {
      gaps = await make();
    });

    it("finds an organisation's documents, and a coach's within a read scope", async () => {
      const [neteland, geel, kempen, antwerpen] = [
        `org-n-${suffix()}`,
        `org-g-${suffix()}`,
        `r-k-${suffix()}`,
        `r-a-${suffix()}`,
      ];
      const coach = `coach-an-${suffix()}`;
      const a = await store({ organisationId: neteland, regionId: kempen, coachId: coach });
      const b = await store({ organisationId: neteland, regionId: kempen, coachId: null });
      const c = await store({ organisationId: geel, regionId: antwerpen, coachId: coach });

      expect(participants(await gaps.forOrganisation(neteland))).toEqual(participants([a, b]));
      expect(participants(await gaps.forCoach({}, coach))).toEqual(participants([a, c]));
      expect(await gaps.forCoach({ organisationIds: [neteland] }, coach)).toEqual([a]);
      expect(await gaps.forCoach({ regionId: antwerpen }, coach)).toEqual([c]);
      expect(await gaps.forCoach({ regionId: antwerpen, organisationIds: [neteland] }, coach)).toEqual([]);
      expect(await gaps.forCoach({}, `coach-${suffix()}`)).toEqual([]);
    });
  });
}
