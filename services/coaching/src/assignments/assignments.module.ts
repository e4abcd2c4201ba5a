import { Module } from '@nestjs/common';
import { KeyedLock } from '@stapsteen/concurrency';
import { OutboxRelay } from '@stapsteen/messaging';
import { SERVICE_CONFIG, namedFactory } from '@stapsteen/service-kit';
import {
  ASSESSMENT_REPOSITORY,
  AssessmentRepository,
  AssessmentService,
} from '../assessments/application/assessment-service';
import { AssessmentsModule } from '../assessments/assessments.module';
import { CatalogueService } from '../competencies/application/catalogue-service';
import { CompetenciesModule } from '../competencies/competencies.module';
import type { CoachingConfig } from '../config/coaching.config';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { CLOCK, Clock } from '../shared/application/clock';
import { PARTICIPANT_CHANGES, ParticipantChanges } from '../shared/application/participant-changes';
import { SharedModule } from '../shared/shared.module';
import { AssignmentSummaries } from './application/assignment-summaries';
import { AssignmentWriter } from './application/assignment-writer';
import { GroupSessionService } from './application/group-session-service';
import { OneOnOneService } from './application/one-on-one-service';
import { PeerCoachingService } from './application/peer-coaching-service';
import {
  GROUP_SESSION_REPOSITORY,
  GroupSessionRepository,
  ONE_ON_ONE_REPOSITORY,
  OneOnOneRepository,
  PEER_COACH_REPOSITORY,
  PeerCoachRepository,
} from './application/ports';
import { MongoGroupSessions, MongoOneOnOnes, MongoPeerCoaches } from './infrastructure/mongo-assignments';
import {
  GroupSessionsController,
  OneOnOnesController,
  PeerCoachingController,
} from './interface/assignments.controller';

/** Writes under this process's per-aggregate lock, and nudges the outbox relay once stored. */
const assignmentWriter = namedFactory(
  AssignmentWriter,
  { clock: CLOCK, changes: PARTICIPANT_CHANGES, lock: KeyedLock, relay: OutboxRelay },
  (d: { clock: Clock; changes: ParticipantChanges; lock: KeyedLock; relay: OutboxRelay }) =>
    new AssignmentWriter(
      d.clock,
      d.changes,
      (key, work) => d.lock.run(key, work),
      () => d.relay.nudge(),
    ),
);

const groupSessionService = namedFactory(
  GroupSessionService,
  {
    groups: GROUP_SESSION_REPOSITORY,
    roster: PARTICIPANT_ROSTER,
    catalogues: CatalogueService,
    assessmentService: AssessmentService,
    writer: AssignmentWriter,
  },
  (d: {
    groups: GroupSessionRepository;
    roster: ParticipantRoster;
    catalogues: CatalogueService;
    assessmentService: AssessmentService;
    writer: AssignmentWriter;
  }) => new GroupSessionService(d.groups, d.roster, d.catalogues, d.assessmentService, d.writer),
);

const oneOnOneService = namedFactory(
  OneOnOneService,
  {
    oneOnOnes: ONE_ON_ONE_REPOSITORY,
    catalogues: CatalogueService,
    assessmentService: AssessmentService,
    writer: AssignmentWriter,
  },
  (d: {
    oneOnOnes: OneOnOneRepository;
    catalogues: CatalogueService;
    assessmentService: AssessmentService;
    writer: AssignmentWriter;
  }) => new OneOnOneService(d.oneOnOnes, d.catalogues, d.assessmentService, d.writer),
);

const peerCoachingService = namedFactory(
  PeerCoachingService,
  {
    peers: PEER_COACH_REPOSITORY,
    roster: PARTICIPANT_ROSTER,
    catalogues: CatalogueService,
    assessments: ASSESSMENT_REPOSITORY,
    assessmentService: AssessmentService,
    config: SERVICE_CONFIG,
    writer: AssignmentWriter,
  },
  (d: {
    peers: PeerCoachRepository;
    roster: ParticipantRoster;
    catalogues: CatalogueService;
    assessments: AssessmentRepository;
    assessmentService: AssessmentService;
    config: CoachingConfig;
    writer: AssignmentWriter;
  }) =>
    new PeerCoachingService(
      d.peers,
      d.roster,
      d.catalogues,
      d.assessments,
      d.assessmentService,
      { maxActiveCoachees: d.config.COACHING_PEER_MAX_COACHEES },
      d.writer,
    ),
);

const assignmentSummaries = namedFactory(
  AssignmentSummaries,
  {
    groups: GROUP_SESSION_REPOSITORY,
    oneOnOnes: ONE_ON_ONE_REPOSITORY,
    peers: PEER_COACH_REPOSITORY,
    assessmentService: AssessmentService,
  },
  (d: {
    groups: GroupSessionRepository;
    oneOnOnes: OneOnOneRepository;
    peers: PeerCoachRepository;
    assessmentService: AssessmentService;
  }) => new AssignmentSummaries(d.groups, d.oneOnOnes, d.peers, d.assessmentService),
);

/**
 * The three coaching modalities, one application service each (group sessions, one-on-one
 * coaching, peer pairs), writing through one `AssignmentWriter`; `AssignmentSummaries` reads all
 * three for the gap rules, the suggestions and the effectiveness report.
 */
@Module({
  imports: [SharedModule, ParticipantsModule, CompetenciesModule, AssessmentsModule],
  controllers: [GroupSessionsController, OneOnOnesController, PeerCoachingController],
  providers: [
    { provide: GROUP_SESSION_REPOSITORY, useClass: MongoGroupSessions },
    { provide: ONE_ON_ONE_REPOSITORY, useClass: MongoOneOnOnes },
    { provide: PEER_COACH_REPOSITORY, useClass: MongoPeerCoaches },
    assignmentWriter,
    groupSessionService,
    oneOnOneService,
    peerCoachingService,
    assignmentSummaries,
  ],
  exports: [AssignmentSummaries, OneOnOneService],
})
export class AssignmentsModule {}
