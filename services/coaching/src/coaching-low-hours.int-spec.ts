import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS } from '@stapsteen/contracts';
import { envelopeText, eventually, sendRaw } from '@stapsteen/testing';
import { ROSTER_COLLECTION } from './participants/infrastructure/mongo-participant-roster';
import { coachingFixture } from '../test/http-fixture';

describe('the coaching service: a low-hours flag from hours', () => {
  const coaching = coachingFixture();
  const { today, as, http, feed, coachingEvent, lowHoursFlag, app } = coaching;
  const { region, organisation } = coaching.ids;

  it('opens one LOW_HOURS_NO_COACHING gap on a low-hours flag (also when the flag is delivered twice) and closes it when one-on-one coaching starts', async () => {
    const participantId = await feed('Karim B.');
    const flag = lowHoursFlag(participantId, {
      countedHours: 4,
      targetHours: 20,
      consecutiveMonthsBelow: 1,
      fallingTrend: false,
      severity: 'MEDIUM',
    });
    await sendRaw(TOPICS.hours, [{ key: participantId, value: flag }]);

    const detected = await coachingEvent(
      'coaching.gap-detected',
      participantId,
      (d) => d.reasonCode === 'LOW_HOURS_NO_COACHING',
    );
    expect(detected.data).toMatchObject({ organisationId: organisation, regionId: region, openedOn: today });
    const open = await eventually(
      () => http().get(`/organisations/${organisation}/gaps`).set(as('coach')),
      (r) => r.body.some((g: { participantId: string }) => g.participantId === participantId),
      { what: 'the open gap in the organisation’s list' },
    );
    expect(open.body.filter((g: { participantId: string }) => g.participantId === participantId)).toHaveLength(1);

    // A redelivery changes nothing: the same message again, then a marker on the same key (so on
    // the same partition, consumed after it); once the marker is applied, the duplicate was too.
    const marker = envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
      ...JSON.parse(flag).data,
      month: '2020-01',
    });
    await sendRaw(TOPICS.hours, [
      { key: participantId, value: flag },
      { key: participantId, value: marker },
    ]);
    const roster = app()
      .get<Connection>(getConnectionToken())
      .collection<{ _id: string; appliedEventIds: string[] }>(ROSTER_COLLECTION);
    const applied = await eventually(
      () => roster.findOne({ _id: participantId }),
      (doc) => doc?.appliedEventIds.includes(JSON.parse(marker).eventId) ?? false,
      { what: 'the marker after the redelivered flag' },
    );
    expect(applied?.appliedEventIds.filter((id) => id === JSON.parse(flag).eventId)).toHaveLength(1);
    const coachGaps = await http().get('/coaches/coach-an/gaps').set(as('coach')).expect(200);
    expect(coachGaps.body.filter((g: { participantId: string }) => g.participantId === participantId)).toHaveLength(1);

    const started = await http()
      .post('/one-on-ones')
      .set(as('coach'))
      .send({ participantId, competencyCodes: ['STIPTHEID'] })
      .expect(201);
    expect(started.body).toMatchObject({ coachId: 'coach-an', status: 'ACTIVE' });

    const assigned = await coachingEvent('coaching.assigned', participantId);
    expect(assigned.data).toMatchObject({
      modality: 'ONE_ON_ONE',
      competencyCodes: ['STIPTHEID'],
      assignmentId: started.body.id,
    });
    const closed = await coachingEvent('coaching.gap-closed', participantId);
    expect(closed.data).toMatchObject({
      gapId: detected.data.gapId,
      reasonCode: 'LOW_HOURS_NO_COACHING',
      closedOn: today,
    });
    const all = await http().get(`/participants/${participantId}/gaps`).set(as('coach')).expect(200);
    expect(all.body).toEqual([expect.objectContaining({ gapId: detected.data.gapId, closedOn: today })]);
  });

  it('suggests 1-on-1 coaching after a low-hours flag, only to those who may see the participant, and assigns nothing', async () => {
    const participantId = await feed('Lotte V.');
    const flag = lowHoursFlag(participantId, {
      countedHours: 3,
      targetHours: 20,
      consecutiveMonthsBelow: 2,
      fallingTrend: true,
      severity: 'HIGH',
    });
    await sendRaw(TOPICS.hours, [{ key: participantId, value: flag }]);

    const suggested = await eventually(
      () => http().get(`/participants/${participantId}/modality-suggestions`).set(as('coach')),
      (r) => r.status === 200 && r.body.suggestions.some((s: { modality: string }) => s.modality === 'ONE_ON_ONE'),
      { what: 'a 1-on-1 suggestion after the low-hours flag' },
    );
    expect(suggested.body.suggestions).toEqual([
      expect.objectContaining({ modality: 'ONE_ON_ONE', reasonCodes: ['LOW_HOURS'], addOn: false }),
    ]);
    expect(suggested.body.suggestions[0].reason).toMatch(/uren/);
    expect(suggested.body.suggestions[0].reasonEn).toMatch(/hours/);
    await http().get(`/participants/${participantId}/modality-suggestions`).set(as('manager')).expect(200);
    await http().get(`/participants/${participantId}/modality-suggestions`).set(as('otherCoach')).expect(404);
    await http().get(`/participants/${participantId}/modality-suggestions`).set(as('otherManager')).expect(404);
    await http().get(`/participants/${participantId}/modality-suggestions`).expect(401);
    const assignments = await http().get(`/participants/${participantId}/assignments`).set(as('coach')).expect(200);
    expect(assignments.body).toEqual([]);
  });
});
