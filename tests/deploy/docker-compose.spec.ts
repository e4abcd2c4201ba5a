import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CoachingConfig } from '../../services/coaching/src/config/coaching.config';
import { FlowThroughConfig } from '../../services/flow-through/src/config/flow-through.config';
import { GatewayConfig } from '../../services/gateway/src/config/gateway.config';
import { HoursConfig } from '../../services/hours/src/config/hours.config';

interface ComposeService {
  build?: { context: string; args: Record<string, string> };
  environment?: Record<string, unknown>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

const CONFIGS: Record<string, new () => object> = {
  gateway: GatewayConfig,
  'flow-through': FlowThroughConfig,
  hours: HoursConfig,
  coaching: CoachingConfig,
};

/** The variables a service refuses to start without: validated, no default, not optional. */
function requiredVariables(config: new () => object): string[] {
  const defaults = new config() as Record<string, unknown>;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(config, '', true, false);
  const optional = new Set(metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName));
  const names = new Set(metadata.map((m) => m.propertyName));
  return [...names].filter((name) => defaults[name] === undefined && !optional.has(name)).sort();
}

describe('docker-compose.yml', () => {
  it.each(Object.keys(CONFIGS))('builds %s from the one Dockerfile with its name as the SERVICE argument', (name) => {
    expect(compose.services[name]?.build).toEqual({ context: '.', args: { SERVICE: name } });
  });

  it.each(Object.keys(CONFIGS))('gives %s every variable its configuration requires', (name) => {
    const required = requiredVariables(CONFIGS[name]);
    expect(required.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(compose.services[name].environment ?? {}).sort()).toEqual(expect.arrayContaining(required));
  });

  it.each(Object.keys(CONFIGS))('starts %s only once MongoDB and Kafka are healthy', (name) => {
    expect(compose.services[name].depends_on).toEqual({
      mongodb: { condition: 'service_healthy' },
      kafka: { condition: 'service_healthy' },
    });
  });

  it('publishes only the gateway’s port', () => {
    const publishing = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(publishing.map(([name]) => name)).toEqual(['gateway']);
    expect(compose.services.gateway.ports).toEqual(['3000:3000']);
  });

  it('points every service at the compose network’s MongoDB and Kafka', () => {
    for (const name of Object.keys(CONFIGS)) {
      expect(compose.services[name].environment).toMatchObject({
        MONGODB_URI: 'mongodb://mongodb:27017/',
        KAFKA_BROKERS: 'kafka:9092',
      });
    }
  });

  it('lets the Dockerfile choose the service by its build argument', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/dist\/services\/\$\{SERVICE\}\/src\/main\.js/);
  });
});
