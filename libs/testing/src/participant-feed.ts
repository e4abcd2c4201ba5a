import type { INestApplication } from '@nestjs/common';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from './eventually';
import { sendRaw } from './kafka-probe';

export interface FedParticipant {
  organisationId: string;
  regionId: string;
  /** The trajectory's start (and the enrolment date). */
  startedOn: string;
  displayName?: string;
  monthlyHoursTarget?: number | null;
  coachId?: string | null;
}

/** An event as another service would publish it, ready for `sendRaw`. */
export const envelopeText = (
  participantId: string,
  type: string,
  producer: 'flow-through' | 'hours' | 'coaching',
  data: object,
) => JSON.stringify(createEnvelope({ type, version: 1, producer, participantId, correlationId: randomUUID(), data }));

/**
 * Publishes a participant's enrolment and started trajectory the way flow-through does: events on
 * the real topics. Answers the new participant's id; the caller waits for its consumers.
 */
export async function publishParticipant(participant: FedParticipant): Promise<string> {
  const participantId = randomUUID();
  await sendRaw(TOPICS.participants, [
    {
      key: participantId,
      value: envelopeText(participantId, 'participant.enrolled', 'flow-through', {
        participantId,
        organisationId: participant.organisationId,
        regionId: participant.regionId,
        displayName: participant.displayName ?? 'Sofie V.',
        referralSource: 'VDAB',
        coachId: participant.coachId ?? null,
        monthlyHoursTarget: participant.monthlyHoursTarget ?? null,
        exPwa: false,
        enrolledOn: participant.startedOn,
      }),
    },
  ]);
  await sendRaw(TOPICS.trajectories, [
    {
      key: participantId,
      value: envelopeText(participantId, 'trajectory.started', 'flow-through', {
        trajectoryId: randomUUID(),
        participantId,
        organisationId: participant.organisationId,
        regionId: participant.regionId,
        startedOn: participant.startedOn,
        plannedEndOn: null,
        reReferral: false,
      }),
    },
  ]);
  return participantId;
}

/**
 * Tells a consuming service about a participant and their started trajectory the way
 * flow-through does — events on the real topics — and waits until the service's
 * `GET /participants` roster shows both.
 */
export async function feedParticipant(
  app: INestApplication,
  adminToken: string,
  participant: FedParticipant,
): Promise<string> {
  const participantId = await publishParticipant(participant);
  await eventually(
    () => request(app.getHttpServer()).get('/participants').set('Authorization', `Bearer ${adminToken}`),
    (response) =>
      Array.isArray(response.body) &&
      response.body.some(
        (p: { participantId: string; trajectories: unknown[]; displayName: string }) =>
          p.participantId === participantId && p.trajectories.length === 1 && p.displayName !== '',
      ),
    { what: 'the participant and trajectory in the roster' },
  );
  return participantId;
}
