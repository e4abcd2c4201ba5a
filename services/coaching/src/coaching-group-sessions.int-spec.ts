import { coachingFixture } from '../test/http-fixture';

describe('the coaching service: group sessions', () => {
  const coaching = coachingFixture();
  const { today, as, http, feed } = coaching;
  const { organisation } = coaching.ids;

  it('seats exactly three of ten participants enrolled at once in a three-seat session and waiting-lists the rest', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => feed()));
    const session = await http()
      .post('/group-sessions')
      .set(as('coach'))
      .send({
        organisationId: organisation,
        title: 'Op tijd komen en verwittigen',
        competencyCodes: ['STIPTHEID', 'COMMUNICEREN'],
        date: today,
        startTime: '09:30',
        endTime: '12:00',
        place: 'Dienstencentrum De Wending, Geel',
        trainer: 'Els Peeters',
        capacity: 3,
      })
      .expect(201);

    const answers = await Promise.all(
      people.map((participantId) =>
        http().post(`/group-sessions/${session.body.id}/enrolments`).set(as('coach')).send({ participantId }),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.filter((a) => a.body.status === 'ENROLLED')).toHaveLength(3);
    expect(answers.filter((a) => a.body.status === 'WAITING')).toHaveLength(7);
    const stored = await http().get(`/group-sessions/${session.body.id}`).set(as('coach')).expect(200);
    expect(stored.body.seatsLeft).toBe(0);
    expect(stored.body.waitingList).toHaveLength(7);
    // `enrolments` holds only the seated participants, as documented; the waiting ones only in `waitingList`
    const seated = answers.filter((a) => a.body.status === 'ENROLLED').map((a) => a.body.participantId);
    const waiting = answers.filter((a) => a.body.status === 'WAITING').map((a) => a.body.participantId);
    expect(stored.body.enrolments.map((e: { participantId: string }) => e.participantId).sort()).toEqual(seated.sort());
    expect([...stored.body.waitingList].sort()).toEqual(waiting.sort());
    const listed = await http().get('/group-sessions').set(as('coach')).expect(200);
    const inList = listed.body.find((g: { id: string }) => g.id === session.body.id);
    expect(inList.enrolments).toHaveLength(3);
    expect(inList.waitingList).toHaveLength(7);
  });
});
