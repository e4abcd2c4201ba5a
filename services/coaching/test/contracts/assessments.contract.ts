import { randomUUID } from 'node:crypto';
import type { AssessmentRepository } from '../../src/assessments/application/assessment-service';
import type { Assessment } from '../../src/assessments/domain/assessment';
import type { Catalogue } from '../../src/competencies/domain/catalogue';
import type { CatalogueRepository } from '../../src/competencies/application/catalogue-service';
import { defaultCatalogue } from '../../src/competencies/domain/catalogue';
import { Make, anOutboxEntry } from './aggregate-store.contract';

const anAssessment = (participantId: string, organisationId: string, assessedOn = '2026-04-20'): Assessment => ({
  id: randomUUID(),
  participantId,
  organisationId,
  regionId: 'region-kempen',
  assessorKind: 'COACH',
  recordedBy: 'coach-an',
  recordedAt: `${assessedOn}T10:00:00.000Z`,
  assessedOn,
  catalogueVersion: 1,
  targetLevel: 3,
  ratings: [{ competencyCode: 'STIPTHEID', level: 2, note: 'Kwam twee keer te laat' }],
});

/** What the assessment store promises: each assessment written once, read per participant or organisation. */
export function describeAssessmentRepositoryContract(name: string, make: Make<AssessmentRepository>) {
  describe(`${name} keeps the AssessmentRepository contract`, () => {
    let assessments: AssessmentRepository;
    const byId = (values: Assessment[]) => [...values].sort((a, b) => a.id.localeCompare(b.id));
    beforeEach(async () => {
      assessments = await make();
    });

    it('stores several at once and reads them back per participant and per organisation', async () => {
      const [p1, p2, org, other] = [randomUUID(), randomUUID(), `org-${randomUUID()}`, `org-${randomUUID()}`];
      const stored = [anAssessment(p1, org), anAssessment(p1, org, '2026-04-27'), anAssessment(p2, org)];
      const elsewhere = anAssessment(p2, other);
      await assessments.insertMany(
        [...stored, elsewhere].map((assessment) => ({ assessment, outbox: [anOutboxEntry()] })),
      );
      await assessments.insertMany([]);

      expect(byId(await assessments.forParticipant(p1))).toEqual(byId(stored.slice(0, 2)));
      expect(byId(await assessments.forOrganisation(org))).toEqual(byId(stored));
      expect(await assessments.forParticipant(randomUUID())).toEqual([]);
    });

    it("deletes a participant's assessments only (right to erasure)", async () => {
      const [p1, p2, org] = [randomUUID(), randomUUID(), `org-${randomUUID()}`];
      const kept = anAssessment(p2, org);
      await assessments.insertMany([anAssessment(p1, org), kept].map((assessment) => ({ assessment, outbox: [] })));
      await assessments.deleteForParticipant(p1);
      expect(await assessments.forParticipant(p1)).toEqual([]);
      expect(await assessments.forOrganisation(org)).toEqual([kept]);
    });

    it('hands out copies', async () => {
      const assessment = anAssessment(randomUUID(), `org-${randomUUID()}`);
      await assessments.insertMany([{ assessment, outbox: [] }]);
      const [read] = await assessments.forParticipant(assessment.participantId);
      read.ratings[0].level = 4;
      expect(await assessments.forParticipant(assessment.participantId)).toEqual([assessment]);
    });
  });
}

/** What the catalogue store promises: versions stored once each, the highest one current. */
export function describeCatalogueRepositoryContract(name: string, make: Make<CatalogueRepository>) {
  describe(`${name} keeps the CatalogueRepository contract`, () => {
    let catalogues: CatalogueRepository;
    const edited = (organisationId: string, version: number, targetLevel = 3): Catalogue => ({
      ...defaultCatalogue(organisationId),
      version,
      targetLevel,
      editedBy: 'admin',
      editedAt: '2026-05-04T10:00:00.000Z',
    });
    beforeEach(async () => {
      catalogues = await make();
    });

    it('has no catalogue for an organisation that never edited one', async () => {
      const organisationId = `org-${randomUUID()}`;
      expect(await catalogues.latest(organisationId)).toBeNull();
      expect(await catalogues.version(organisationId, 1)).toBeNull();
    });

    it('keeps every version, answers the highest as the latest, and stores a version once', async () => {
      const organisationId = `org-${randomUUID()}`;
      expect(await catalogues.insert(edited(organisationId, 2))).toBe(true);
      expect(await catalogues.insert(edited(organisationId, 3, 4))).toBe(true);
      expect(await catalogues.insert(edited(organisationId, 3, 2))).toBe(false);

      expect(await catalogues.latest(organisationId)).toEqual(edited(organisationId, 3, 4));
      expect(await catalogues.version(organisationId, 2)).toEqual(edited(organisationId, 2));
      expect(await catalogues.latest(`org-${randomUUID()}`)).toBeNull();
    });
  });
}
