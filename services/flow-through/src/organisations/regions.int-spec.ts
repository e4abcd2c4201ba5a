import { FlowThroughFixture, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';

describe('the region directory over HTTP', () => {
  const ids = fixtureIds();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);

  beforeAll(async () => {
    fixture = await startFlowThroughFixture(ids);
  });
  afterAll(() => fixture?.close());

  it('lets an administrator name and rename a region, which every signed-in role then reads by name', async () => {
    await http().put('/regions').set(as('admin')).send({ id: ids.kempen, name: 'Kempen' }).expect(200);
    await http().put('/regions').set(as('admin')).send({ id: ids.gent, name: 'Gent' }).expect(200);
    await http().put('/regions').set(as('admin')).send({ id: ids.kempen, name: ' Kempen-Noord ' }).expect(200);

    for (const who of ['managerKempen', 'neteland', 'coach', 'managerGent']) {
      const answer = await http().get('/regions').set(as(who)).expect(200);
      const ours = answer.body.filter((r: { id: string }) => [ids.kempen, ids.gent].includes(r.id));
      expect(ours).toEqual([
        { id: ids.gent, name: 'Gent' },
        { id: ids.kempen, name: 'Kempen-Noord' },
      ]);
    }
  });

  it('refuses a region from anyone but an administrator, and a malformed one from everybody', async () => {
    const refused = await http().put('/regions').set(as('managerKempen')).send({ id: ids.kempen, name: 'Mijn regio' });
    expect(refused.status).toBe(403);
    const bad = await http().put('/regions').set(as('admin')).send({ id: 'Region Kempen!', name: 'K' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('REQUEST.INVALID');
    await http().get('/regions').expect(401);
  });
});
