import { INestApplication } from '@nestjs/common';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { loadConfig } from '@stapsteen/config';
import { deadLettersIn } from '@stapsteen/observability';
import { createTestKeyPair, eventually, sendRaw, startTestService, waitForMessage } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createGatewayApp, GatewayConfig } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

/**
 * A dead letter is counted where operators look: the consuming service's Prometheus metric
 * (`stapsteen_dead_letters_total`) and the gateway's status page, which reads it from there.
 */
describe('dead letters on the metrics and the status page', () => {
  const keys = createTestKeyPair();
  let hours: INestApplication;
  let gateway: INestApplication;

  beforeAll(async () => {
    hours = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem);
    await hours.listen(0, '127.0.0.1');
    const hoursUrl = `http://127.0.0.1:${(hours.getHttpServer().address() as AddressInfo).port}`;
    // Nothing listens on port 9 (discard): the other services show as unreachable, their count unknown.
    const config = loadConfig(GatewayConfig, {
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'error',
      MONGODB_URI: process.env.MONGODB_URI,
      MONGODB_DB: `test-gateway-dlt-${randomUUID().slice(0, 8)}`,
      FLOW_THROUGH_URL: 'http://127.0.0.1:9',
      HOURS_URL: hoursUrl,
      COACHING_URL: 'http://127.0.0.1:9',
      AUTH_JWT_PRIVATE_KEY: keys.privateKeyPem,
      AUTH_JWT_PUBLIC_KEY: keys.publicKeyPem,
    });
    gateway = await createGatewayApp(config);
    await gateway.init();
  });

  afterAll(async () => {
    await Promise.all([gateway?.close(), hours?.close()]);
  });

  const metric = async () => {
    const scraped = await request(hours.getHttpServer()).get('/metrics').expect(200);
    return deadLettersIn(scraped.text);
  };

  const shownForHours = async () => {
    const page = await request(gateway.getHttpServer()).get('/status').expect(200);
    const row = /<tr data-service="hours"[\s\S]*?data-dead-letters="(\d*)">([^<]*)<\/td>/.exec(page.text);
    return row ? { count: Number(row[1]), text: row[2] } : null;
  };

  it('counts an event that breaks its contract and shows the count for the hours service', async () => {
    const before = await metric();
    expect(before).not.toBeNull();
    const participantId = randomUUID();
    const broken = createEnvelope({
      type: 'participant.enrolled',
      version: 1,
      producer: 'flow-through',
      participantId,
      correlationId: randomUUID(),
      data: { participantId },
    });
    await sendRaw(TOPICS.participants, [{ key: participantId, value: JSON.stringify(broken) }]);
    await waitForMessage(`${TOPICS.participants}.dlt`, (m) => m.key === participantId);

    const scraped = await request(hours.getHttpServer()).get('/metrics').expect(200);
    expect(scraped.text).toMatch(
      /stapsteen_dead_letters_total\{topic="stapsteen\.participants\.v1",cause="invalid"\} \d+/,
    );
    // Other test files may dead-letter at the same time: look until page and metric agree.
    const agreed = await eventually(
      async () => ({ metric: await metric(), shown: await shownForHours() }),
      ({ metric: count, shown }) => count !== null && count >= before! + 1 && shown?.count === count,
      { what: 'the status page to show the dead letters the metric counts' },
    );
    expect(agreed.shown?.text).toBe(agreed.metric === 1 ? '1 bericht' : `${agreed.metric} berichten`);

    const page = await request(gateway.getHttpServer()).get('/status').expect(200);
    expect(page.text).toMatch(/<tr data-service="coaching"[\s\S]*?data-dead-letters="">onbekend<\/td>/);
    expect(page.text).toContain('niet verwerkt worden.');
  });
});
