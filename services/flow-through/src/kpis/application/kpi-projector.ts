import { addMonths, monthsBetween } from '@stapsteen/calendar';
import type {
  AlertRaisedV1,
  AlertResolvedV1,
  CoachingAssignedV1,
  CoachingEndedV1,
  EventEnvelope,
  HoursMonthClosedV1,
  ParticipantEnrolledV1,
  ParticipantErasedV1,
  TrajectoryEndedV1,
  TrajectoryFollowUpRecordedV1,
  TrajectoryReferralDroppedV1,
  TrajectoryStartedV1,
} from '@stapsteen/contracts';
import { hoursMonthFigures, rosterContribution, withHoursMonth, withRosterContribution } from '../domain/figures';
import { raiseAlert, resolveAlert } from '../domain/open-alerts';
import { OrganisationMonth, recordParticipantMonths, rekeyParticipantLine } from '../domain/organisation-month';
import {
  ANONYMOUS_KEY_PREFIX,
  OrganisationRoster,
  eraseParticipant,
  isErased,
  recordCoachingEnd,
  recordCoachingStart,
  recordDropOff,
  recordEnd,
  recordNineMonthResult,
  recordReferral,
  recordStart,
} from '../domain/roster';
import type { BirthDates, KpiReadModels } from './kpi-read-models';

/** Hours can only be counted during a trajectory; a bound keeps a corrupt date from looping for ages. */
const MAX_ERASURE_MONTHS = 120;

/**
 * Keeps the KPI read models up to date from the events of every topic flow-through reads. Event
 * types the KPIs do not use are ignored. Every effect is a set on a natural key, so applying an
 * event twice leaves the figures as they were.
 */
export class KpiProjector {
  constructor(
    private readonly models: KpiReadModels,
    private readonly birthDates: BirthDates,
    /** Derives the anonymous key of an erased participant from the erasure event (stable on redelivery). */
    private readonly anonymousKeyFor: (erasureEventId: string) => string,
    private readonly currentMonth: () => string,
    /**
     * The tombstone of an erased participant (a keyed pseudonym of the id, another input than
     * any erasure event id, so it never equals an anonymous key).
     */
    private readonly tombstoneFor: (participantId: string) => string = (participantId) =>
      anonymousKeyFor(`erased-participant:${participantId}`),
  ) {}

  async apply(envelope: EventEnvelope<unknown>): Promise<void> {
    switch (envelope.type) {
      case 'participant.enrolled': {
        const data = envelope.data as ParticipantEnrolledV1;
        const birthDate = await this.birthDates.birthDateOf(data.participantId);
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordReferral(r, data.participantId, data.enrolledOn, birthDate),
        );
      }
      case 'participant.erased':
        return this.erase(envelope.eventId, envelope.data as ParticipantErasedV1);
      case 'trajectory.started': {
        const data = envelope.data as TrajectoryStartedV1;
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordStart(r, data.participantId, data.trajectoryId, data.startedOn, data.reReferral),
        );
      }
      case 'trajectory.ended': {
        const data = envelope.data as TrajectoryEndedV1;
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordEnd(r, data.participantId, data.trajectoryId, {
            endedOn: data.endedOn,
            destination: data.destination,
            positiveOutflow: data.positiveOutflow,
          }),
        );
      }
      case 'trajectory.referral-dropped': {
        const data = envelope.data as TrajectoryReferralDroppedV1;
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordDropOff(r, data.participantId, data.trajectoryId, {
            stage: data.stage,
            reasonCode: data.reasonCode,
            on: data.droppedOn,
            referredOn: data.referredOn,
          }),
        );
      }
      case 'trajectory.follow-up-recorded': {
        const data = envelope.data as TrajectoryFollowUpRecordedV1;
        if (data.checkpoint !== 'NINE_MONTHS' || data.employed === null) return;
        const employed = data.employed;
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordNineMonthResult(r, data.participantId, data.trajectoryId, employed),
        );
      }
      case 'hours.month-closed': {
        // The organisation's whole month in one event and one write: the per-participant
        // `hours.participant-month-closed` events of the same close would rewrite the document once
        // per participant. Lines replace earlier ones (set semantics), so a redelivery counts once.
        const data = envelope.data as HoursMonthClosedV1;
        // The lines of participants erased meanwhile are kept under their anonymous key already.
        const roster = await this.models.roster(data.organisationId);
        const lines = data.participants.filter((line) => !isErased(roster, this.tombstoneFor(line.participantId)));
        if (lines.length === 0 && data.participants.length > 0) return;
        return this.updateOrganisationMonth(data.organisationId, data.regionId, data.month, (m) =>
          recordParticipantMonths(m, lines),
        );
      }
      case 'coaching.assigned': {
        const data = envelope.data as CoachingAssignedV1;
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordCoachingStart(r, data.participantId, data.assignmentId, data.startedOn),
        );
      }
      case 'coaching.ended': {
        const data = envelope.data as CoachingEndedV1;
        return this.updateParticipant(data.organisationId, data.participantId, (r) =>
          recordCoachingEnd(r, data.participantId, data.assignmentId, data.endedOn),
        );
      }
      case 'alert.raised': {
        const data = envelope.data as AlertRaisedV1;
        return this.models.updateAlerts(data.organisationId, (a) =>
          raiseAlert(a, data.alertId, { kind: data.kind, raisedAt: data.raisedAt }),
        );
      }
      case 'alert.resolved': {
        const data = envelope.data as AlertResolvedV1;
        return this.models.updateAlerts(data.organisationId, (a) => resolveAlert(a, data.alertId));
      }
      default:
        return;
    }
  }

  /** A change about one participant, which changes nothing once the participant is erased. */
  private updateParticipant(
    organisationId: string,
    participantId: string,
    change: (current: OrganisationRoster) => OrganisationRoster,
  ) {
    const tombstone = this.tombstoneFor(participantId);
    return this.updateRoster(organisationId, (r) => (isErased(r, tombstone) ? r : change(r)));
  }

  /** A roster change, and the organisation's compact figures recomputed from the stored roster. */
  private updateRoster(organisationId: string, change: (current: OrganisationRoster) => OrganisationRoster) {
    return this.models.updateRoster(organisationId, change, (roster, version) =>
      this.models.updateFigures(organisationId, (figures) =>
        withRosterContribution(figures, () => rosterContribution(roster), version),
      ),
    );
  }

  private updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
  ) {
    return this.models.updateOrganisationMonth(organisationId, regionId, month, change, (stored, version) =>
      this.models.updateFigures(organisationId, (figures) =>
        withHoursMonth(figures, month, () => hoursMonthFigures(stored), version),
      ),
    );
  }

  /**
   * Moves the participant's facts and hours lines to one anonymous key: the hours lines first, so
   * a crash in between leaves the roster still naming the participant and a redelivery finishes
   * the job with the same key.
   */
  private async erase(eventId: string, data: ParticipantErasedV1): Promise<void> {
    const roster = await this.models.roster(data.organisationId);
    const tombstone = this.tombstoneFor(data.participantId);
    if (isErased(roster, tombstone) && !roster?.participants[data.participantId]) return;
    const anonymousKey = `${ANONYMOUS_KEY_PREFIX}${this.anonymousKeyFor(eventId)}`;
    if (roster?.participants[data.participantId]) {
      for (const month of hoursMonthsOf(roster, data.participantId, this.currentMonth())) {
        await this.updateOrganisationMonth(data.organisationId, '', month, (m) =>
          rekeyParticipantLine(m, data.participantId, anonymousKey),
        );
      }
    }
    // The tombstone even when the participant left no facts here: their events may still come.
    await this.updateRoster(data.organisationId, (r) =>
      eraseParticipant(r, data.participantId, anonymousKey, tombstone),
    );
  }
}

/** The months a participant may have counted hours in: from each start to its end (or now). */
function hoursMonthsOf(roster: OrganisationRoster, participantId: string, currentMonth: string): string[] {
  const months = new Set<string>();
  for (const trajectory of Object.values(roster.participants[participantId]?.trajectories ?? {})) {
    if (!trajectory.startedOn) continue;
    const from = trajectory.startedOn.slice(0, 7);
    const to = trajectory.endedOn?.slice(0, 7) ?? currentMonth;
    const span = Math.min(monthsBetween(from, to), MAX_ERASURE_MONTHS);
    for (let i = 0; i <= span; i++) months.add(addMonths(from, i));
  }
  return [...months];
}
