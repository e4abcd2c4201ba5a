import type { INestApplication } from '@nestjs/common';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { eventually, sendRaw } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export interface FedParticipant {
  organisationId: string;
  regionId: string;
  startedOn: string;
  monthlyHoursTarget?: number | null;
}

/**
 * Tells the hours service about a participant and their started trajectory the way flow-through
 * does — events on the real topics — and waits until its roster shows them.
 */
export async function feedParticipant(
  app: INestApplication,
  adminToken: string,
  participant: FedParticipant,
): Promise<string> {
  const participantId = randomUUID();
  const envelope = (type: string, data: object) =>
    JSON.stringify(
      createEnvelope({ type, version: 1, producer: 'flow-through', participantId, correlationId: randomUUID(), data }),
    );
  await sendRaw(TOPICS.participants, [
    {
      key: participantId,
      value: envelope('participant.enrolled', {
        participantId,
        organisationId: participant.organisationId,
        regionId: participant.regionId,
        displayName: 'Sofie V.',
        referralSource: 'VDAB',
        coachId: null,
        monthlyHoursTarget: participant.monthlyHoursTarget ?? null,
        exPwa: false,
        enrolledOn: participant.startedOn,
      }),
    },
  ]);
  await sendRaw(TOPICS.trajectories, [
    {
      key: participantId,
      value: envelope('trajectory.started', {
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
        (p: { participantId: string; trajectories: unknown[] }) =>
          p.participantId === participantId && p.trajectories.length === 1,
      ),
    { what: 'the participant and trajectory in the hours roster' },
  );
  return participantId;
}
