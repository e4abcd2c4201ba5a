import type { INestApplication } from '@nestjs/common';
import type { Role } from '@stapsteen/auth';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';

/**
 * The gateway's one scoped read, colleagues' names (ADR 27), as a role × scope matrix: every kind
 * of account in organisation A, organisation B (same region) and region 2 asks for the names of all
 * of them, and sees exactly itself, the users of the organisations flow-through's directory lets it
 * see, and the managers of those organisations' regions; an administrator sees everyone and is seen
 * by administrators only. (The services' endpoints have their matrix in access-matrix.e2e-spec.ts;
 * the gateway's other endpoints are its own account or administrators' only: gateway-access.)
 */

jest.setTimeout(120_000);

type Scope = 'ORG_A' | 'ORG_B' | 'REGION_2';

describe('colleague names: every role × scope sees exactly the names its scope allows', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region1 = `region-1-${suffix}`;
  const region2 = `region-2-${suffix}`;
  const orgOf: Record<Scope, { org: string; region: string }> = {
    ORG_A: { org: `org-a-${suffix}`, region: region1 },
    ORG_B: { org: `org-b-${suffix}`, region: region1 },
    REGION_2: { org: `org-c-${suffix}`, region: region2 },
  };
  const admin = { email: `admin-${suffix}@stapsteen.test`, password: 'bootstrap admin passphrase' };
  let flowThrough: INestApplication;
  let gateway: INestApplication;
  const http = () => request(gateway.getHttpServer());
  /** Every account: its id and access token, by "ROLE@SCOPE" (the administrator as "ADMIN"). */
  const accounts = new Map<string, { id: string; role: Role; scope?: Scope; token: string }>();

  beforeAll(async () => {
    flowThrough = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
    await flowThrough.listen(0, '127.0.0.1');
    const serviceAdmin = await mintToken(keys.privateKeyPem, { sub: `admin-${suffix}`, role: 'ADMIN' });
    for (const { org, region } of Object.values(orgOf))
      await request(flowThrough.getHttpServer())
        .put('/organisations')
        .set('Authorization', `Bearer ${serviceAdmin}`)
        .send({ id: org, name: `Wijk-werken ${org}`, kind: 'WIJK_WERK', regionId: region })
        .expect(200);
    gateway = await createGatewayApp(
      testGatewayConfig(keys, {
        FLOW_THROUGH_URL: `http://127.0.0.1:${(flowThrough.getHttpServer().address() as AddressInfo).port}`,
        GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email,
        GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      }),
    );
    const signIn = async (email: string, password: string) =>
      (await http().post('/api/auth/token').send({ email, password }).expect(200)).body.accessToken as string;
    const adminToken = await signIn(admin.email, admin.password);
    const me = await http().get('/api/me').set('Authorization', `Bearer ${adminToken}`).expect(200);
    accounts.set('ADMIN', { id: me.body.id, role: 'ADMIN', token: adminToken });
    for (const role of ['ORGANISER', 'COACH', 'REGIONAL_MANAGER'] as const)
      for (const scope of Object.keys(orgOf) as Scope[]) {
        // One manager per region: region 1's is the one "in" organisation A's and B's scope.
        if (role === 'REGIONAL_MANAGER' && scope === 'ORG_B') continue;
        const email = `${role.toLowerCase()}-${scope.toLowerCase()}-${suffix}@stapsteen.test`;
        const created = await http()
          .post('/api/admin/users')
          .set('Authorization', `Bearer ${adminToken}`)
          .send({
            email,
            displayName: `${role} ${scope}`,
            password: 'a long enough password',
            role,
            organisationIds: role === 'REGIONAL_MANAGER' ? [] : [orgOf[scope].org],
            regionId: orgOf[scope].region,
          })
          .expect(201);
        accounts.set(`${role}@${scope}`, {
          id: created.body.id,
          role,
          scope,
          token: await signIn(email, 'a long enough password'),
        });
      }
  });

  afterAll(async () => {
    await gateway?.close();
    await flowThrough?.close();
  });

  /** The rule of ADR 27, written out for this fixture. */
  function expectedNames(askerKey: string): string[] {
    const asker = accounts.get(askerKey)!;
    return [...accounts.entries()]
      .filter(([key, user]) => {
        if (key === askerKey || asker.role === 'ADMIN') return true;
        if (user.role === 'ADMIN') return false;
        const organisations =
          asker.role === 'REGIONAL_MANAGER'
            ? (Object.keys(orgOf) as Scope[]).filter((s) => orgOf[s].region === orgOf[asker.scope!].region)
            : [asker.scope!];
        const regions = new Set(organisations.map((s) => orgOf[s].region));
        if (user.role === 'REGIONAL_MANAGER') return regions.has(orgOf[user.scope!].region);
        return organisations.includes(user.scope!);
      })
      .map(([key]) => key)
      .sort();
  }

  it('names exactly the colleagues in scope to each of them', async () => {
    const byId = new Map([...accounts.entries()].map(([key, account]) => [account.id, key]));
    const ids = [...accounts.values()].map((account) => account.id).join(',');
    const failures: string[] = [];
    for (const [key, account] of accounts) {
      const answer = await http()
        .get('/api/people/names')
        .query({ ids })
        .set('Authorization', `Bearer ${account.token}`)
        .expect(200);
      const seen = (answer.body.items as { id: string }[]).map((item) => byId.get(item.id)!).sort();
      if (JSON.stringify(seen) !== JSON.stringify(expectedNames(key)))
        failures.push(`${key} sees ${seen.join(', ')}; expected ${expectedNames(key).join(', ')}`);
    }
    console.log(
      `colleague names: ${accounts.size} accounts (4 roles × organisation A, B, region 2) × ${accounts.size} ids`,
    );
    // The fixture is not trivial: someone sees more than themself, and nobody but the admin sees all.
    expect(expectedNames('ORGANISER@ORG_A')).toEqual(['COACH@ORG_A', 'ORGANISER@ORG_A', 'REGIONAL_MANAGER@ORG_A']);
    expect(expectedNames('REGIONAL_MANAGER@REGION_2')).toEqual([
      'COACH@REGION_2',
      'ORGANISER@REGION_2',
      'REGIONAL_MANAGER@REGION_2',
    ]);
    expect(failures).toEqual([]);
  });
});
