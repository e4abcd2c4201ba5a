import {
  describeAssessmentRepositoryContract,
  describeCatalogueRepositoryContract,
} from './contracts/assessments.contract';
import {
  describeGroupSessionRepositoryContract,
  describeOneOnOneRepositoryContract,
  describePeerCoachRepositoryContract,
} from './contracts/assignments.contract';
import { describeGapRepositoryContract } from './contracts/gaps.contract';
import { describeParticipantRosterContract } from './contracts/roster.contract';
import {
  InMemoryAssessments,
  InMemoryCatalogues,
  InMemoryGaps,
  InMemoryGroupSessions,
  InMemoryOneOnOnes,
  InMemoryParticipantRoster,
  InMemoryPeerCoaches,
} from './in-memory-coaching';

/**
 * The fakes the unit tests use keep the same contracts as the MongoDB adapters
 * (mongo-coaching.int-spec.ts runs these suites against those, on the test stack's FerretDB).
 */
describeGroupSessionRepositoryContract('InMemoryGroupSessions', () => new InMemoryGroupSessions());
describeOneOnOneRepositoryContract('InMemoryOneOnOnes', () => new InMemoryOneOnOnes());
describePeerCoachRepositoryContract('InMemoryPeerCoaches', () => new InMemoryPeerCoaches());
describeGapRepositoryContract('InMemoryGaps', () => new InMemoryGaps());
describeParticipantRosterContract('InMemoryParticipantRoster', () => new InMemoryParticipantRoster());
describeAssessmentRepositoryContract('InMemoryAssessments', () => new InMemoryAssessments());
describeCatalogueRepositoryContract('InMemoryCatalogues', () => new InMemoryCatalogues());
