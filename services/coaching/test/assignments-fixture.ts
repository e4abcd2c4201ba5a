import { fixedClock } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import { AssessmentService } from '../src/assessments/application/assessment-service';
import { AssignmentSummaries } from '../src/assignments/application/assignment-summaries';
import { AssignmentWriter } from '../src/assignments/application/assignment-writer';
import { GroupSessionInput, GroupSessionService } from '../src/assignments/application/group-session-service';
import { OneOnOneService } from '../src/assignments/application/one-on-one-service';
import { PeerCoachingService } from '../src/assignments/application/peer-coaching-service';
import { CatalogueService } from '../src/competencies/application/catalogue-service';
import { ParticipantChanges } from '../src/shared/application/participant-changes';
import {
  InMemoryAssessments,
  InMemoryCatalogues,
  InMemoryGroupSessions,
  InMemoryOneOnOnes,
  InMemoryParticipantRoster,
  InMemoryPeerCoaches,
} from './in-memory-coaching';

/**
 * The set-up shared by the unit tests of the assignments' application services: each service on
 * in-memory fakes of its ports, one fixed day, and the callers the tests act as.
 */

/** Monday 4 May 2026, 12:00 in Brussels: a fixed day, never the real one. */
export const TODAY = '2026-05-04';
export const clock = fixedClock('2026-05-04T10:00:00.000Z');

export const NETELAND = 'org-neteland';
export const HERENTALS = 'org-herentals';
export const KEMPEN = 'region-kempen';

export const organiser: Principal = {
  userId: 'organiser-n',
  role: 'ORGANISER',
  organisationIds: [NETELAND],
  regionId: null,
};
export const coach: Principal = { userId: 'coach-an', role: 'COACH', organisationIds: [NETELAND], regionId: null };
export const otherCoach: Principal = { userId: 'coach-h', role: 'COACH', organisationIds: [HERENTALS], regionId: null };
export const manager: Principal = {
  userId: 'manager-k',
  role: 'REGIONAL_MANAGER',
  organisationIds: [],
  regionId: KEMPEN,
};
export const managerWithoutRegion: Principal = { ...manager, userId: 'manager-x', regionId: null };
export const admin: Principal = { userId: 'admin', role: 'ADMIN', organisationIds: [], regionId: null };

/** The problem code a call fails with, or 'no error'. */
export const codeOf = async (work: Promise<unknown>) =>
  work.then(
    () => 'no error',
    (error: { code?: string }) => error.code,
  );
/** The problem code and facts a call fails with, or null. */
export const factsOf = async (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: { code?: string; facts?: unknown }) => ({ code: error.code, facts: error.facts }),
  );

export function setUpAssignments(maxActiveCoachees = 2) {
  const groups = new InMemoryGroupSessions();
  const oneOnOnes = new InMemoryOneOnOnes();
  const peers = new InMemoryPeerCoaches();
  const roster = new InMemoryParticipantRoster();
  const assessments = new InMemoryAssessments();
  const catalogues = new CatalogueService(new InMemoryCatalogues(), roster, clock);
  const changes = new ParticipantChanges();
  const touched: string[][] = [];
  changes.subscribe(async (ids) => void touched.push(ids));
  const assessmentService = new AssessmentService(assessments, roster, catalogues, clock, changes);
  const writer = new AssignmentWriter(clock, changes);
  const groupService = new GroupSessionService(groups, roster, catalogues, assessmentService, writer);
  const oneOnOneService = new OneOnOneService(oneOnOnes, catalogues, assessmentService, writer);
  const peerService = new PeerCoachingService(
    peers,
    roster,
    catalogues,
    assessments,
    assessmentService,
    { maxActiveCoachees },
    writer,
  );
  const summaries = new AssignmentSummaries(groups, oneOnOnes, peers, assessmentService);
  const person = (participantId: string, organisationId = NETELAND, coachId: string | null = 'coach-an') =>
    roster.add({
      participantId,
      organisationId,
      regionId: KEMPEN,
      displayName: participantId.toUpperCase(),
      coachId,
      trajectories: [{ trajectoryId: `t-${participantId}`, startedOn: '2026-02-02', endedOn: null }],
      lowHours: null,
    });
  /** A staff rating of the participant on one competency (target 3 in the default catalogue). */
  const rate = (participantId: string, competencyCode: string, level: number) =>
    assessmentService.record(admin, participantId, {
      assessorKind: 'COACH',
      assessedOn: '2026-04-20',
      ratings: [{ competencyCode, level, note: null }],
    });
  return {
    groupService,
    oneOnOneService,
    peerService,
    summaries,
    groups,
    oneOnOnes,
    peers,
    roster,
    assessments,
    touched,
    person,
    rate,
  };
}

/** A group session plan of Neteland, changed where the test says. */
export const plan = (overrides: Partial<GroupSessionInput> = {}): GroupSessionInput => ({
  organisationId: NETELAND,
  title: 'Op tijd op het werk',
  competencyCodes: ['STIPTHEID'],
  date: '2026-05-12',
  startTime: '09:30',
  endTime: '12:00',
  place: 'Geel',
  trainer: 'Lies',
  capacity: 2,
  ...overrides,
});
