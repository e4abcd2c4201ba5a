import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@stapsteen/contracts';
import { envelopeText, eventually, sendRaw } from '@stapsteen/testing';
import { ASSESSMENTS_COLLECTION } from './assessments/infrastructure/mongo-assessments';
import { ONE_ON_ONES_COLLECTION } from './assignments/infrastructure/mongo-assignments';
import { coachingFixture } from '../test/http-fixture';

describe('the coaching service: erasing a participant', () => {
  const coaching = coachingFixture();
  const { today, as, http, feed, assessPunctuality, app } = coaching;
  const { organisation } = coaching.ids;

  it('drops the participant’s assessments and the notes of their 1-on-1 sessions when flow-through erases them', async () => {
    const participantId = await feed('Ruben V.');
    await assessPunctuality(participantId, 'Te laat door zorg voor moeder');
    const coaching = await http()
      .post('/one-on-ones')
      .set(as('coach'))
      .send({ participantId, competencyCodes: ['STIPTHEID'] })
      .expect(201);
    await http()
      .post(`/one-on-ones/${coaching.body.id}/sessions`)
      .set(as('coach'))
      .send({ heldOn: today, attended: true, note: 'Vertelde over schulden' })
      .expect(201);

    await sendRaw(TOPICS.participants, [
      {
        key: participantId,
        value: envelopeText(participantId, 'participant.erased', 'flow-through', {
          participantId,
          organisationId: organisation,
          erasedAt: new Date().toISOString(),
        }),
      },
    ]);

    const connection = app().get<Connection>(getConnectionToken());
    const stored = await eventually(
      () => connection.collection(ONE_ON_ONES_COLLECTION).findOne({ _id: coaching.body.id } as object),
      (doc) => JSON.stringify(doc?.sessions ?? []).includes('"note":null'),
      { what: 'the session notes erased' },
    );
    expect(JSON.stringify(stored)).not.toContain('schulden');
    expect(await connection.collection(ASSESSMENTS_COLLECTION).countDocuments({ participantId })).toBe(0);
    await http().get(`/participants/${participantId}/assessments`).set(as('coach')).expect(404);
  });
});
