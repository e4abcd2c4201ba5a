import type { Provider } from '@nestjs/common';
import { KeyedLock } from '@stapsteen/concurrency';
import { OutboxRelay } from '@stapsteen/messaging';
import { namedFactory, SERVICE_CONFIG } from '@stapsteen/service-kit';
import { ALERT_REPOSITORY, AlertRepository } from '../alerts/application/alert-repository';
import { RecordAlertCauseHandler } from '../alerts/application/record-alert-cause';
import type { FlowThroughConfig } from '../config/flow-through.config';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../organisations/application/organisation-directory';
import { CLOCK, Clock } from '../shared/clock';
import { ALERT_RULES_REPOSITORY, AlertRulesRepository, AlertRulesService } from './application/alert-rules-service';
import { ChangeTrajectoryHandler } from './application/change-trajectory';
import { CheckDueAlertsHandler } from './application/check-due-alerts';
import { DueTasksQueries } from './application/due-tasks';
import { DUE_TASKS_STORE, DueTasksStore } from './application/due-tasks-store';
import { EnrolParticipantHandler } from './application/enrol-participant';
import { EvaluationsHandler } from './application/evaluations';
import { FollowUpsHandler } from './application/follow-ups';
import { ParticipantLifecycle } from './application/participant-lifecycle';
import { PARTICIPANT_REPOSITORY, ParticipantRepository } from './application/participant-repository';
import { PARTICIPANTS_COLLECTION, ParticipantWriter } from './application/participant-writer';
import { PlansHandler } from './application/plans';
import { DEFAULT_DUE_ALERT_POLICY, DueAlertPolicy } from './domain/due-alerts';
import { DueAlertChecks } from './scheduling/due-alert-checks';

/**
 * One factory per use case of the participants module, each with its dependencies by name. The use
 * cases themselves stay free of Nest (application layer); this file is where they meet the tokens.
 */

/** How long an organisation's alert rules are remembered; another instance's save shows within it. */
const ALERT_RULES_CACHE_MS = 60_000;

const dueAlertPolicyOf = (config: FlowThroughConfig): DueAlertPolicy => ({
  ...DEFAULT_DUE_ALERT_POLICY,
  evaluationIntervalMonths: config.EVALUATION_INTERVAL_MONTHS,
  followUp: { immediateWindowDays: config.FOLLOW_UP_IMMEDIATE_WINDOW_DAYS },
});

export const alertRulesService = namedFactory(
  AlertRulesService,
  { settings: ALERT_RULES_REPOSITORY, organisations: ORGANISATION_DIRECTORY, clock: CLOCK },
  (d: { settings: AlertRulesRepository; organisations: OrganisationDirectory; clock: Clock }) =>
    new AlertRulesService(
      d.settings,
      d.organisations,
      d.clock,
      {
        endingWithinDays: DEFAULT_DUE_ALERT_POLICY.endingWithinDays,
        evaluationWithinDays: DEFAULT_DUE_ALERT_POLICY.evaluationWithinDays,
      },
      ALERT_RULES_CACHE_MS,
    ),
);

export const checkDueAlertsHandler = namedFactory(
  CheckDueAlertsHandler,
  {
    participants: PARTICIPANT_REPOSITORY,
    alerts: ALERT_REPOSITORY,
    causes: RecordAlertCauseHandler,
    tasks: DUE_TASKS_STORE,
    clock: CLOCK,
    config: SERVICE_CONFIG,
    lock: KeyedLock,
    rules: AlertRulesService,
  },
  (d: {
    participants: ParticipantRepository;
    alerts: AlertRepository;
    causes: RecordAlertCauseHandler;
    tasks: DueTasksStore;
    clock: Clock;
    config: FlowThroughConfig;
    lock: KeyedLock;
    rules: AlertRulesService;
  }) =>
    new CheckDueAlertsHandler(
      d.participants,
      d.alerts,
      d.causes,
      d.tasks,
      d.clock,
      dueAlertPolicyOf(d.config),
      (key, work) => d.lock.run(key, work),
      d.rules,
    ),
);

export const dueTasksQueries = namedFactory(
  DueTasksQueries,
  { tasks: DUE_TASKS_STORE, organisations: ORGANISATION_DIRECTORY, clock: CLOCK },
  (d: { tasks: DueTasksStore; organisations: OrganisationDirectory; clock: Clock }) =>
    new DueTasksQueries(d.tasks, d.organisations, d.clock),
);

export const enrolParticipantHandler = namedFactory(
  EnrolParticipantHandler,
  {
    participants: PARTICIPANT_REPOSITORY,
    organisations: ORGANISATION_DIRECTORY,
    clock: CLOCK,
    relay: OutboxRelay,
    due: DueAlertChecks,
    alerts: ALERT_REPOSITORY,
  },
  (d: {
    participants: ParticipantRepository;
    organisations: OrganisationDirectory;
    clock: Clock;
    relay: OutboxRelay;
    due: DueAlertChecks;
    alerts: AlertRepository;
  }) =>
    new EnrolParticipantHandler(
      d.participants,
      d.organisations,
      d.clock,
      (id) => d.relay.nudge({ collection: PARTICIPANTS_COLLECTION, id }),
      async (participant) => {
        await d.alerts.ensure({
          participantId: participant.id,
          organisationId: participant.organisationId,
          regionId: participant.regionId,
        });
        await d.due.afterWrite(participant.id);
      },
    ),
);

export const participantWriter = namedFactory(
  ParticipantWriter,
  { participants: PARTICIPANT_REPOSITORY, relay: OutboxRelay, lock: KeyedLock, due: DueAlertChecks },
  (d: { participants: ParticipantRepository; relay: OutboxRelay; lock: KeyedLock; due: DueAlertChecks }) =>
    new ParticipantWriter(
      d.participants,
      (key, work) => d.lock.run(key, work),
      (id) => d.relay.nudge({ collection: PARTICIPANTS_COLLECTION, id }),
      (id) => d.due.afterWrite(id),
    ),
);

export const changeTrajectoryHandler = namedFactory(
  ChangeTrajectoryHandler,
  { writer: ParticipantWriter, clock: CLOCK, config: SERVICE_CONFIG },
  (d: { writer: ParticipantWriter; clock: Clock; config: FlowThroughConfig }) =>
    new ChangeTrajectoryHandler(d.writer, d.clock, {
      maxMonths: d.config.TRAJECTORY_MAX_MONTHS,
      positiveDestinations: d.config.POSITIVE_OUTFLOW_DESTINATIONS,
    }),
);

export const participantLifecycle = namedFactory(
  ParticipantLifecycle,
  { writer: ParticipantWriter, participants: PARTICIPANT_REPOSITORY, clock: CLOCK, config: SERVICE_CONFIG },
  (d: { writer: ParticipantWriter; participants: ParticipantRepository; clock: Clock; config: FlowThroughConfig }) =>
    new ParticipantLifecycle(d.writer, d.participants, d.clock, d.config.RETENTION_YEARS),
);

export const followUpsHandler = namedFactory(
  FollowUpsHandler,
  { writer: ParticipantWriter, participants: PARTICIPANT_REPOSITORY, clock: CLOCK, config: SERVICE_CONFIG },
  (d: { writer: ParticipantWriter; participants: ParticipantRepository; clock: Clock; config: FlowThroughConfig }) =>
    new FollowUpsHandler(d.writer, d.participants, d.clock, {
      immediateWindowDays: d.config.FOLLOW_UP_IMMEDIATE_WINDOW_DAYS,
    }),
);

export const plansHandler = namedFactory(
  PlansHandler,
  {
    writer: ParticipantWriter,
    participants: PARTICIPANT_REPOSITORY,
    organisations: ORGANISATION_DIRECTORY,
    clock: CLOCK,
  },
  (d: {
    writer: ParticipantWriter;
    participants: ParticipantRepository;
    organisations: OrganisationDirectory;
    clock: Clock;
  }) => new PlansHandler(d.writer, d.participants, d.organisations, d.clock),
);

export const evaluationsHandler = namedFactory(
  EvaluationsHandler,
  { writer: ParticipantWriter, participants: PARTICIPANT_REPOSITORY, clock: CLOCK, config: SERVICE_CONFIG },
  (d: { writer: ParticipantWriter; participants: ParticipantRepository; clock: Clock; config: FlowThroughConfig }) =>
    new EvaluationsHandler(d.writer, d.participants, d.clock, d.config.EVALUATION_INTERVAL_MONTHS),
);

/** The use cases, in no particular order: Nest resolves them by token. */
export const participantUseCases: Provider[] = [
  alertRulesService,
  checkDueAlertsHandler,
  dueTasksQueries,
  enrolParticipantHandler,
  participantWriter,
  changeTrajectoryHandler,
  participantLifecycle,
  followUpsHandler,
  plansHandler,
  evaluationsHandler,
];
