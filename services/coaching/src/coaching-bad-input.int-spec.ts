import { coachingFixture } from '../test/http-fixture';

describe('the coaching service', () => {
  const coaching = coachingFixture();
  const { today, as, http, feed } = coaching;
  const { organisation } = coaching.ids;

  describe('bad input is refused with a 4xx problem and stores nothing', () => {
    let participantId: string;
    const assessment = {
      assessorKind: 'COACH',
      assessedOn: today,
      ratings: [{ competencyCode: 'SAMENWERKEN', level: 2 }],
    };
    beforeAll(async () => {
      participantId = await feed('Eline D.');
    });

    it.each([
      ['a rating above the scale', { ratings: [{ competencyCode: 'SAMENWERKEN', level: 7 }] }],
      ['a rating that is not a number', { ratings: [{ competencyCode: 'SAMENWERKEN', level: 'goed' }] }],
      ['an operator instead of a competency', { ratings: [{ competencyCode: { $gt: '' }, level: 2 }] }],
      ['an unknown field', { score: 3 }],
      ['an unknown kind of assessor', { assessorKind: 'NEIGHBOUR' }],
      ['an impossible date', { assessedOn: '2026-02-30x' }],
    ])('refuses %s', async (_, change) => {
      const response = await http()
        .post(`/participants/${participantId}/assessments`)
        .set(as('coach'))
        .send({ ...assessment, ...change });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.code).toEqual(expect.any(String));
    });

    it('refuses malformed JSON and an oversized body', async () => {
      const malformed = await http()
        .post(`/participants/${participantId}/assessments`)
        .set(as('coach'))
        .set('Content-Type', 'application/json')
        .send('{"assessorKind": "COACH",');
      expect(malformed.status).toBe(400);
      const oversized = await http()
        .post(`/participants/${participantId}/assessments`)
        .set(as('coach'))
        .send({ ...assessment, ratings: [{ competencyCode: 'SAMENWERKEN', level: 2, note: 'x'.repeat(300_000) }] });
      expect(oversized.status).toBe(413);
    });

    it.each(['007', '-1', '0x1', '1e0', '%201', '99999999999999999999'])(
      'refuses catalogue version %s with 400 naming version (version 1 reads)',
      async (version) => {
        await http().get(`/organisations/${organisation}/catalogue/versions/1`).set(as('coach')).expect(200);
        const response = await http()
          .get(`/organisations/${organisation}/catalogue/versions/${version}`)
          .set(as('coach'))
          .expect(400);
        expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'version' }] });
      },
    );

    it('stored none of the refused assessments', async () => {
      const stored = await http().get(`/participants/${participantId}/assessments`).set(as('coach')).expect(200);
      expect(JSON.stringify(stored.body)).not.toContain('SAMENWERKEN');
    });
  });
});
