import type { INestApplication } from '@nestjs/common';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { eventually, sendRaw } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export interface FedParticipant {
  organisationId: string;
  regionId: string;
  startedOn: string;
  displayName?: string;
}

export const envelopeText = (participantId: string, type: string, producer: 'flow-through' | 'hours', data: object) =>
  JSON.stringify(createEnvelope({ type, version: 1, producer, participantId, correlationId: randomUUID(), data }));

/**
 * Tells the coaching service about a participant and their started trajectory the way
 * flow-through does — events on the real topics — and waits until its roster shows them.
 */
export async function feedParticipant(
  app: INestApplication,
  adminToken: string,
  participant: FedParticipant,
): Promise<string> {
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
        coachId: 'coach-an',
        monthlyHoursTarget: 20,
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
  await eventually(
    () => request(app.getHttpServer()).get('/participants').set('Authorization', `Bearer ${adminToken}`),
    (response) =>
      response.body.some(
        (p: { participantId: string; trajectories: unknown[]; displayName: string }) =>
          p.participantId === participantId && p.trajectories.length === 1 && p.displayName !== '',
      ),
    { what: 'the participant and trajectory in the coaching roster' },
  );
  return participantId;
}
