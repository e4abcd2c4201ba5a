import { loadConfig } from '@stapsteen/config';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { GatewayConfig } from '../../services/gateway/src/app.module';

/**
 * A gateway configuration for tests: its own database on the test stack, the test key pair, and
 * services that are down unless given (nothing listens on port 9).
 */
export function testGatewayConfig(
  keys: { privateKeyPem: string; publicKeyPem: string },
  overrides: Record<string, string> = {},
): GatewayConfig {
  return loadConfig(GatewayConfig, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'error',
    MONGODB_URI: process.env.MONGODB_URI!,
    MONGODB_DB: `test-gateway-${randomUUID().slice(0, 8)}`,
    HOURS_URL: 'http://127.0.0.1:9',
    FLOW_THROUGH_URL: 'http://127.0.0.1:9',
    COACHING_URL: 'http://127.0.0.1:9',
    AUTH_JWT_PRIVATE_KEY: keys.privateKeyPem,
    AUTH_JWT_PUBLIC_KEY: keys.publicKeyPem,
    ...overrides,
  });
}

/** The cookies a response sets, whether the header came as one value or a list. */
export const cookiesOf = (response: request.Response): string[] => {
  const header = response.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : header ? [String(header)] : [];
};

/** The value of the cookie `name` a response sets, if it sets one. */
export const cookieValue = (response: request.Response, name: string) =>
  cookiesOf(response)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    .slice(name.length + 1);
