import { coachingFixture } from '../test/http-fixture';

describe('the coaching service: who may see and change a participant’s records', () => {
  const coaching = coachingFixture();
  const { today, as, http, feed, assessPunctuality } = coaching;
  const { organisation } = coaching.ids;

  it('keeps staff of another organisation and managers of another region out of a participant’s records', async () => {
    const participantId = await feed();
    await assessPunctuality(participantId, 'Komt vaak te laat');

    const read = await http().get(`/participants/${participantId}/assessments`).set(as('otherCoach')).expect(404);
    expect(read.body.code).toBe('COACHING.PARTICIPANT_NOT_FOUND');
    await http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('otherOrganiser'))
      .send({ assessorKind: 'ORGANISER', assessedOn: today, ratings: [{ competencyCode: 'STIPTHEID', level: 4 }] })
      .expect(404);
    await http()
      .post('/group-sessions')
      .set(as('otherOrganiser'))
      .send({
        organisationId: organisation,
        title: 'Stiptheid',
        competencyCodes: ['STIPTHEID'],
        date: today,
        startTime: '09:30',
        endTime: '12:00',
        place: 'Geel',
        trainer: 'Els',
        capacity: 5,
      })
      .expect(403);
    // The manager of the region reads, but does not change an organisation's records.
    const managed = await http().get(`/participants/${participantId}/assessments`).set(as('manager')).expect(200);
    expect(managed.body).toHaveLength(1);
    await http()
      .post(`/participants/${participantId}/assessments`)
      .set(as('manager'))
      .send({ assessorKind: 'COACH', assessedOn: today, ratings: [{ competencyCode: 'STIPTHEID', level: 3 }] })
      .expect(403);
    await http().get(`/participants/${participantId}/assessments`).set(as('otherManager')).expect(404);
    const roster = await http().get('/participants').set(as('otherManager')).expect(200);
    expect(roster.body).toEqual([]);
    const gaps = await http().get(`/organisations/${organisation}/gaps?status=ALL`).set(as('otherManager')).expect(200);
    expect(gaps.body).toEqual([]);
    await http().get(`/organisations/${organisation}/catalogue`).set(as('otherManager')).expect(404);
  });

  it('reports effectiveness to the organisation’s staff, its region’s manager and admins only, and refuses a bad period', async () => {
    await feed();
    const url = `/organisations/${organisation}/effectiveness?from=2026-01&to=2026-12`;
    for (const who of ['coach', 'manager', 'admin']) {
      const report = await http().get(url).set(as(who)).expect(200);
      expect(report.body).toMatchObject({ organisationId: organisation, minParticipants: 5, rows: expect.any(Array) });
    }
    for (const who of ['otherCoach', 'otherOrganiser', 'otherManager']) {
      const refused = await http().get(url).set(as(who)).expect(404);
      expect(refused.body.code).toBe('COACHING.ORGANISATION_NOT_FOUND');
    }
    await http().get(url).expect(401);
    await http().get(`/organisations/${organisation}/effectiveness?from=2026-13`).set(as('coach')).expect(400);
    const reversed = await http()
      .get(`/organisations/${organisation}/effectiveness?from=2026-05&to=2026-04`)
      .set(as('coach'))
      .expect(400);
    expect(reversed.body.code).toBe('COACHING.PERIOD_INVALID');
  });
});
