import type { INestApplication } from '@nestjs/common';
import { type CommonServiceConfig, ConfigurationError, loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import { type TestServiceDefinition, createTestKeyPair, testServiceEnv } from '@stapsteen/testing';
import { connect, type AddressInfo } from 'node:net';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';

/**
 * Only the gateway is meant to be reached from outside: hours, coaching and flow-through listen on
 * the loopback address unless HOST says otherwise. Each service is started the way its main.ts
 * starts it (loadConfig, then runService: the production bootstrap, listening), and then reached
 * over another address of the machine. 127.0.0.2 stands in for "another interface": on Linux the
 * whole of 127.0.0.0/8 is local, so a socket bound to 0.0.0.0 answers there and one bound to
 * 127.0.0.1 does not, whatever network interfaces the machine has.
 */

const SERVICES: [string, TestServiceDefinition<CommonServiceConfig>][] = [
  ['flow-through', FLOW_THROUGH_SERVICE_FOR_TESTS as unknown as TestServiceDefinition<CommonServiceConfig>],
  ['hours', HOURS_SERVICE_FOR_TESTS as unknown as TestServiceDefinition<CommonServiceConfig>],
  ['coaching', COACHING_SERVICE_FOR_TESTS as unknown as TestServiceDefinition<CommonServiceConfig>],
];

jest.setTimeout(120_000);

/** Whether a TCP connection to host:port is accepted (true) or refused (false). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(false) : reject(error),
    );
  });
}

describe('the address each service listens on', () => {
  const keys = createTestKeyPair();
  const running: INestApplication[] = [];

  /** The service as main.ts starts it, from an environment without HOST unless one is given. */
  async function start(definition: TestServiceDefinition<CommonServiceConfig>, host?: string) {
    const { env, kafkaGroupId } = testServiceEnv(definition.meta.service, keys.publicKeyPem);
    delete env.HOST;
    if (host !== undefined) env.HOST = host;
    const config = loadConfig(definition.config, env);
    const app = await runService(definition.module(config, { kafkaGroupId }), {
      ...definition.meta,
      config,
      kafkaGroupId,
    });
    running.push(app);
    return { app, config, address: app.getHttpServer().address() as AddressInfo };
  }

  afterAll(async () => {
    await Promise.all(running.map((app) => app.close()));
  });

  it.each(SERVICES)('%s listens on 127.0.0.1 when HOST is not set, out of reach of other addresses', async (_, d) => {
    const { config, address } = await start(d);
    expect(config.HOST).toBe('127.0.0.1');
    expect(address.address).toBe('127.0.0.1');
    expect(await accepts('127.0.0.1', address.port)).toBe(true);
    expect(await accepts('127.0.0.2', address.port)).toBe(false);
  });

  it('listens where HOST says: 0.0.0.0 (as in a container) answers on another address too', async () => {
    const { address } = await start(
      HOURS_SERVICE_FOR_TESTS as unknown as TestServiceDefinition<CommonServiceConfig>,
      '0.0.0.0',
    );
    expect(address.address).toBe('0.0.0.0');
    expect(await accepts('127.0.0.2', address.port)).toBe(true);
  });

  it('refuses a HOST that is not an IP address at boot, naming the variable', () => {
    const { env } = testServiceEnv('hours', keys.publicKeyPem, { HOST: 'buildbox.local' });
    const attempt = () => loadConfig(HOURS_SERVICE_FOR_TESTS.config, env);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/HOST: got "buildbox.local"/);
  });

  it('keeps the gateway, the one part reached from outside, on every interface by default', () => {
    expect(testGatewayConfig(keys).HOST).toBe('0.0.0.0');
    expect(testGatewayConfig(keys, { HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
  });
});
