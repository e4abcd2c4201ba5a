import { fixedClock } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import {
  InMemoryAssessments,
  InMemoryCatalogues,
  InMemoryGaps,
  InMemoryGroupSessions,
  InMemoryOneOnOnes,
  InMemoryParticipantRoster,
  InMemoryPeerCoaches,
} from '../../../test/in-memory-coaching';
import { AssessmentService } from '../../assessments/application/assessment-service';
import { AssignmentSummaries } from '../../assignments/application/assignment-summaries';
import { AssignmentWriter } from '../../assignments/application/assignment-writer';
import { OneOnOneService } from '../../assignments/application/one-on-one-service';
import { CatalogueService } from '../../competencies/application/catalogue-service';
import { ParticipantChanges } from '../../shared/application/participant-changes';
import { DEFAULT_GAP_POLICY } from '../domain/gap-rules';
import type { ParticipantGaps } from '../domain/participant-gaps';
import { GapService } from './gap-service';

const clock = fixedClock('2026-05-04T10:00:00.000Z');
const TODAY = '2026-05-04';

const coach: Principal = { userId: 'coach-an', role: 'COACH', organisationIds: ['org-neteland'], regionId: null };
const otherCoach: Principal = { userId: 'coach-h', role: 'COACH', organisationIds: ['org-herentals'], regionId: null };
const manager: Principal = {
  userId: 'manager-k',
  role: 'REGIONAL_MANAGER',
  organisationIds: [],
  regionId: 'region-kempen',
};
const managerWithoutRegion: Principal = { ...manager, regionId: null };

function setUp() {
  const gaps = new InMemoryGaps();
  const roster = new InMemoryParticipantRoster();
  const assessments = new InMemoryAssessments();
  const catalogues = new CatalogueService(new InMemoryCatalogues(), roster, clock);
  const changes = new ParticipantChanges();
  const assessmentService = new AssessmentService(assessments, roster, catalogues, clock, changes);
  const oneOnOneStore = new InMemoryOneOnOnes();
  const assignments = new AssignmentSummaries(
    new InMemoryGroupSessions(),
    oneOnOneStore,
    new InMemoryPeerCoaches(),
    assessmentService,
  );
  const oneOnOnes = new OneOnOneService(
    oneOnOneStore,
    catalogues,
    assessmentService,
    new AssignmentWriter(clock, changes),
  );
  const service = new GapService(gaps, roster, assessments, assignments, clock, {
    forOrganisation: async () => DEFAULT_GAP_POLICY,
  });
  changes.subscribe((ids) => service.evaluate(ids));
  return { service, gaps, roster, oneOnOnes };
}

const document = (
  participantId: string,
  organisationId: string,
  regionId: string,
  coachId: string | null,
): ParticipantGaps => ({
  participantId,
  organisationId,
  regionId,
  coachId,
  openCount: 1,
  gaps: [
    { gapId: `gap-${participantId}`, reasonCode: 'NO_BASELINE', competencyCode: null, openedOn: TODAY, closedOn: null },
  ],
});

describe('the coaching gaps a caller may see', () => {
  it("lists a coach's participants' gaps within the caller's scope, and nothing without asking when the scope is empty", async () => {
    const { service, gaps } = setUp();
    gaps.put('p-1', document('p-1', 'org-neteland', 'region-kempen', 'coach-an'));
    gaps.put('p-2', document('p-2', 'org-neteland', 'region-kempen', 'coach-bert'));
    gaps.put('h-1', document('h-1', 'org-herentals', 'region-kempen', 'coach-an'));
    gaps.put('a-1', document('a-1', 'org-antwerpen', 'region-antwerpen', 'coach-an'));

    expect((await service.forCoach(coach, 'coach-an', 'OPEN')).map((gap) => gap.participantId)).toEqual(['p-1']);
    expect((await service.forCoach(manager, 'coach-an', 'OPEN')).map((gap) => gap.participantId).sort()).toEqual([
      'h-1',
      'p-1',
    ]);
    expect(await service.forCoach(coach, 'coach-an', 'CLOSED')).toEqual([]);
    const asked = gaps.queries;
    expect(await service.forCoach(managerWithoutRegion, 'coach-an', 'ALL')).toEqual([]);
    expect(gaps.queries).toBe(asked);
  });

  it("hides an organisation's gaps from staff of another organisation and managers of another region", async () => {
    const { service, gaps } = setUp();
    gaps.put('p-1', document('p-1', 'org-neteland', 'region-kempen', 'coach-an'));
    const elsewhere: Principal = { ...manager, regionId: 'region-antwerpen' };
    const code = (work: Promise<unknown>) =>
      work.then(
        () => 'no error',
        (error: { code: string }) => error.code,
      );

    expect((await service.forOrganisation(manager, 'org-neteland', 'OPEN')).map((g) => g.participantId)).toEqual([
      'p-1',
    ]);
    expect(await code(service.forOrganisation(otherCoach, 'org-neteland', 'OPEN'))).toBe(
      'COACHING.ORGANISATION_NOT_FOUND',
    );
    expect(await code(service.forOrganisation(elsewhere, 'org-neteland', 'OPEN'))).toBe(
      'COACHING.ORGANISATION_NOT_FOUND',
    );
  });
});

describe('gap evaluation after a change', () => {
  it('opens a low-hours gap for a flagged participant without coaching and closes it when coaching starts', async () => {
    const { service, gaps, roster, oneOnOnes } = setUp();
    roster.add({
      participantId: 'p-1',
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      displayName: 'Sofie V.',
      coachId: 'coach-an',
      trajectories: [{ trajectoryId: 't-1', startedOn: TODAY, endedOn: null }],
      lowHours: { flagged: true, month: '2026-04', severity: 'HIGH' },
    });

    await service.evaluate(['p-1']);
    expect((await service.forParticipant(coach, 'p-1', 'OPEN')).map((gap) => [gap.reasonCode, gap.openedOn])).toEqual([
      ['LOW_HOURS_NO_COACHING', TODAY],
    ]);

    await oneOnOnes.start(coach, 'p-1', undefined, ['STIPTHEID']);

    expect(await service.forParticipant(coach, 'p-1', 'OPEN')).toEqual([]);
    expect(gaps.eventTypes('p-1')).toEqual(['coaching.gap-detected@v1', 'coaching.gap-closed@v1']);
  });
});
