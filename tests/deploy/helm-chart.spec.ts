/**
 * The Helm chart (deploy/helm/stapsteen) checked offline, as no cluster is at hand: `helm lint` and
 * `helm template` with the default values, the production values and the demo seed; every rendered
 * object decoded strictly against the Kubernetes API types by deploy/helm/validate (an unknown or
 * misspelt field fails, as it would at the API server); each service given every variable its
 * configuration class cannot boot without; and one KafkaTopic for every topic and dead-letter topic
 * of libs/contracts. helm and the validator are built from the Go module proxy into .cache/tools/ by
 * scripts/helm-tools.sh: minutes the first time, nothing after that.
 */
import { ALL_TOPICS, TOPICS, deadLetterTopic } from '@stapsteen/contracts';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SERVICE_NAMES, variablesRead, variablesWithoutDefault } from './service-config';

const root = join(__dirname, '..', '..');
const chart = join(root, 'deploy', 'helm', 'stapsteen');
const helm = join(root, '.cache', 'tools', 'helm');
const validator = join(root, '.cache', 'tools', 'stapsteen-k8s-validate');
const RELEASE = 'stapsteen';

/** The value sets the chart must render and validate with. */
const VALUE_SETS: Record<string, string[]> = {
  default: [],
  production: ['-f', join(chart, 'values-production.yaml')],
  'production with the demo seed': ['-f', join(chart, 'values-production.yaml'), '--set', 'seed.demo=true'],
};

/** The peak RSS the benches measured for a service at Flanders scale with a 192 MB heap (values.yaml). */
const MEASURED_PEAK_RSS_MIB = 266;

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, any>;
  data?: Record<string, string>;
}

const rendered: Record<string, string> = {};

beforeAll(() => {
  // Cold: helm and the validator are compiled (minutes on 2 cores); warm: a hash check.
  execFileSync('bash', [join(root, 'scripts', 'helm-tools.sh')], { stdio: 'inherit', timeout: 15 * 60_000 });
  for (const [name, args] of Object.entries(VALUE_SETS)) {
    rendered[name] = run(helm, ['template', RELEASE, chart, '--namespace', 'stapsteen', ...args]);
  }
}, 15 * 60_000);

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function validate(manifest: string): { status: number | null; output: string } {
  const result = spawnSync(validator, [], { input: manifest, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function objectsOf(valueSet: string): K8sObject[] {
  return parseAllDocuments(rendered[valueSet])
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the rendered chart`);
  return found;
}

/** The environment a service's container gets: its own `env` and every ConfigMap it loads whole. */
function environmentOf(objects: K8sObject[], service: string) {
  const deployment = find(objects, 'Deployment', `${RELEASE}-${service}`);
  const container = deployment.spec!.template.spec.containers.find((c: { name: string }) => c.name === service);
  const values = new Map<string, { value?: string; secret?: { name: string; key: string } }>();
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) throw new Error(`${service}: only ConfigMaps are loaded whole (envFrom)`);
    const configMap = find(objects, 'ConfigMap', source.configMapRef.name);
    for (const [key, value] of Object.entries(configMap.data ?? {})) values.set(key, { value });
  }
  for (const variable of container.env ?? []) {
    if (variable.valueFrom?.secretKeyRef) values.set(variable.name, { secret: variable.valueFrom.secretKeyRef });
    else if (variable.valueFrom?.configMapKeyRef) {
      const { name, key } = variable.valueFrom.configMapKeyRef;
      values.set(variable.name, { value: find(objects, 'ConfigMap', name).data?.[key] });
    } else values.set(variable.name, { value: variable.value });
  }
  return { deployment, container, values };
}

/** MiB of a Kubernetes memory quantity such as 256Mi or 1Gi. */
function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

describe.each(Object.keys(VALUE_SETS))('the Helm chart with the %s values', (valueSet) => {
  it('passes helm lint', () => {
    expect(run(helm, ['lint', chart, '--strict', ...VALUE_SETS[valueSet]])).toMatch(/0 chart\(s\) failed/);
  });

  it('renders objects that each decode strictly into their Kubernetes API type', () => {
    const { status, output } = validate(rendered[valueSet]);
    expect(output.split('\n').filter((line) => line.startsWith('FAIL'))).toEqual([]);
    expect(status).toBe(0);
  });

  it.each(SERVICE_NAMES)('gives %s every variable its configuration cannot boot without', (service) => {
    const { values } = environmentOf(objectsOf(valueSet), service);
    const required = variablesWithoutDefault(service);
    expect(required).toEqual(expect.arrayContaining(['PORT', 'MONGODB_URI', 'MONGODB_DB', 'AUTH_JWT_PUBLIC_KEY']));
    expect(required.filter((key) => !values.has(key))).toEqual([]);
    // What a pod needs beyond the class's defaults: production mode, and (ADR 28) every interface.
    expect(values.get('NODE_ENV')).toEqual({ value: 'production' });
    expect(values.get('HOST')).toEqual({ value: '0.0.0.0' });
  });

  it.each(SERVICE_NAMES)(
    'gives %s only variables its configuration reads (a misspelt one would be ignored)',
    (service) => {
      const { values } = environmentOf(objectsOf(valueSet), service);
      const read = [...variablesRead(service), 'NODE_OPTIONS'];
      expect([...values.keys()].filter((key) => !read.includes(key))).toEqual([]);
    },
  );

  it('takes the keys, the database URIs and the export key from Secrets it never creates', () => {
    const objects = objectsOf(valueSet);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const secrets = Object.fromEntries(
      SERVICE_NAMES.map((service) => [service, environmentOf(objects, service).values] as const),
    );
    for (const service of SERVICE_NAMES) {
      expect(secrets[service].get('MONGODB_URI')?.secret).toEqual({
        name: `stapsteen-mongodb-${service}-uri`,
        key: 'connectionString.standard',
      });
      expect(secrets[service].get('AUTH_JWT_PUBLIC_KEY')?.secret?.name).toBe('stapsteen-access-token');
    }
    expect(secrets.gateway.get('AUTH_JWT_PRIVATE_KEY')?.secret?.name).toBe('stapsteen-access-token');
    expect(secrets['flow-through'].get('KPI_PSEUDONYM_SECRET')?.secret?.name).toBe('stapsteen-kpi-pseudonym');
    // Only the gateway signs tokens.
    for (const service of SERVICE_NAMES.filter((s) => s !== 'gateway')) {
      expect(secrets[service].has('AUTH_JWT_PRIVATE_KEY')).toBe(false);
    }
  });

  it.each(SERVICE_NAMES)(
    'runs %s with at least two replicas, both probes, memory for the measured peak, a PDB, an HPA and a Service',
    (service) => {
      const objects = objectsOf(valueSet);
      const { deployment, container, values } = environmentOf(objects, service);
      const name = `${RELEASE}-${service}`;
      const hpa = find(objects, 'HorizontalPodAutoscaler', name);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec!.replicas ?? hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      const memory = container.resources;
      expect(mebibytes(memory.requests.memory)).toBeGreaterThanOrEqual(MEASURED_PEAK_RSS_MIB);
      const heap = Number(/--max-old-space-size=(\d+)/.exec(values.get('NODE_OPTIONS')?.value ?? '')?.[1]);
      expect(heap).toBeGreaterThan(0);
      expect(mebibytes(memory.limits.memory)).toBeGreaterThan(Math.max(heap, MEASURED_PEAK_RSS_MIB));
      expect(find(objects, 'PodDisruptionBudget', name).spec!.minAvailable).toBeGreaterThanOrEqual(1);
      const port = Number(values.get('PORT')?.value);
      expect(find(objects, 'Service', name).spec!.ports).toEqual([
        { name: 'http', port, targetPort: 'http', protocol: 'TCP' },
      ]);
      expect(container.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
    },
  );

  it('has a KafkaTopic for every topic and dead-letter topic of the contracts, and no other', () => {
    const topics = objectsOf(valueSet).filter((o) => o.kind === 'KafkaTopic');
    expect(topics.map((t) => t.spec!.topicName).sort()).toEqual([...ALL_TOPICS].sort());
    for (const topic of Object.values(TOPICS)) expect(ALL_TOPICS).toContain(deadLetterTopic(topic));
    for (const topic of topics) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('stapsteen-kafka');
      expect(topic.spec).toMatchObject({ replicas: 3, config: { 'min.insync.replicas': 2 } });
      expect(topic.spec!.partitions).toBeGreaterThanOrEqual(1);
    }
  });

  it('runs Kafka in KRaft mode on three brokers with replication factor 3 and min.insync.replicas 2', () => {
    const objects = objectsOf(valueSet);
    const kafka = find(objects, 'Kafka', 'stapsteen-kafka');
    expect(kafka.spec!.kafka.config).toMatchObject({ 'default.replication.factor': 3, 'min.insync.replicas': 2 });
    const pool = find(objects, 'KafkaNodePool', 'stapsteen-kafka-nodes');
    expect(pool.spec).toMatchObject({ replicas: 3, roles: ['controller', 'broker'] });
    // Every service but the gateway (which has no Kafka client) is pointed at its bootstrap service.
    for (const service of SERVICE_NAMES.filter((s) => s !== 'gateway')) {
      expect(environmentOf(objects, service).values.get('KAFKA_BROKERS')).toEqual({
        value: 'stapsteen-kafka-kafka-bootstrap:9092',
      });
    }
  });

  it('runs MongoDB as a replica set of three with one user per service, limited to its own database, writing w=majority', () => {
    const objects = objectsOf(valueSet);
    const mongo = find(objects, 'MongoDBCommunity', 'stapsteen-mongodb');
    expect(mongo.spec).toMatchObject({ type: 'ReplicaSet', members: 3 });
    const users = mongo.spec!.users as {
      name: string;
      roles: { name: string; db: string }[];
      connectionStringSecretName: string;
      additionalConnectionStringConfig: Record<string, string>;
    }[];
    expect(users.map((u) => u.name).sort()).toEqual(SERVICE_NAMES.map((s) => `stapsteen-${s}`).sort());
    for (const service of SERVICE_NAMES) {
      const user = users.find((u) => u.name === `stapsteen-${service}`)!;
      const database = environmentOf(objects, service).values.get('MONGODB_DB')?.value;
      expect(user.roles).toEqual([{ name: 'readWrite', db: database }]);
      expect(user.connectionStringSecretName).toBe(`stapsteen-mongodb-${service}-uri`);
      expect(user.additionalConnectionStringConfig).toMatchObject({ w: 'majority' });
    }
  });

  it('lets only the ingress controller reach the gateway, and only the gateway reach the other services', () => {
    const objects = objectsOf(valueSet);
    const ingress = find(objects, 'Ingress', `${RELEASE}-gateway`);
    expect(ingress.spec!.tls[0].secretName).toBe('stapsteen-tls');
    expect(ingress.spec!.rules[0].http.paths[0].backend.service.name).toBe(`${RELEASE}-gateway`);
    expect(objects.filter((o) => o.kind === 'Ingress')).toHaveLength(1);
    for (const service of SERVICE_NAMES) {
      const policy = find(objects, 'NetworkPolicy', `${RELEASE}-${service}`);
      expect(policy.spec!.policyTypes).toEqual(['Ingress', 'Egress']);
      const peers = policy.spec!.ingress.flatMap((rule: { from: unknown[] }) => rule.from);
      const fromNamespaces = peers.filter((peer: { namespaceSelector?: unknown }) => peer.namespaceSelector);
      if (service === 'gateway') {
        expect(peers[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'ingress-nginx' });
      } else {
        expect(peers[0]).toEqual({
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': RELEASE } },
        });
        // Beyond the gateway (and the demo seed), only the metrics scraper of the values may come in.
        expect(fromNamespaces.map((peer: { namespaceSelector: unknown }) => peer.namespaceSelector)).toEqual(
          valueSet === 'default' ? [] : [{ matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }],
        );
      }
      const egressPorts = policy.spec!.egress.flatMap((rule: { ports: { port: number }[] }) =>
        rule.ports.map((p) => p.port),
      );
      const expected = service === 'gateway' ? [53, 53, 27017, 3001, 3003, 3002] : [53, 53, 27017, 9092];
      expect(egressPorts.sort()).toEqual(expected.sort());
    }
  });
});

describe('the strict validator (deploy/helm/validate)', () => {
  const deployment = () => {
    const docs = rendered.default.split(/^---\s*$/m);
    const found = docs.find((doc) => /^kind: Deployment$/m.test(doc));
    if (!found) throw new Error('no Deployment rendered');
    return found;
  };

  it('refuses a misspelt field of a built-in kind (readinesProbe)', () => {
    const { status, output } = validate(deployment().replace('readinessProbe:', 'readinesProbe:'));
    expect(status).toBe(1);
    expect(output).toMatch(/unknown field "spec\.template\.spec\.containers\[0\]\.readinesProbe"/);
  });

  it('refuses a field a probe does not have (initialDelaySecond)', () => {
    const broken = deployment().replace(/(\n(\s+)periodSeconds: 10\n)/, '$1$2initialDelaySecond: 5\n');
    expect(broken).not.toBe(deployment());
    const { status, output } = validate(broken);
    expect(status).toBe(1);
    expect(output).toMatch(/unknown field ".*initialDelaySecond"/);
  });

  it('refuses a misspelt field of an operator kind (partitons in a KafkaTopic)', () => {
    const topic = rendered.default.split(/^---\s*$/m).find((doc) => /^kind: KafkaTopic$/m.test(doc))!;
    const { status, output } = validate(topic.replace('partitions:', 'partitons:'));
    expect(status).toBe(1);
    expect(output).toMatch(/unknown field "spec\.partitons"/);
  });

  it('refuses a key given twice and a kind it does not know', () => {
    expect(validate(deployment().replace('kind: Deployment', 'kind: Deployment\nkind: Deployment')).status).toBe(1);
    const unknown = validate('apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n');
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/a kind this validator does not know/);
  });
});

describe('the values schema (deploy/helm/stapsteen/values.schema.json)', () => {
  const template = (...set: string[]) =>
    spawnSync(helm, ['template', RELEASE, chart, ...set.flatMap((s) => ['--set', s])], { encoding: 'utf8' });

  it('refuses a values key the chart does not read, which would otherwise be ignored', () => {
    const result = template('services.hours.replicsa=3');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/'replicsa' not allowed/);
  });

  it('refuses fewer than two replicas of a service', () => {
    const result = template('services.hours.replicas=1');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/services\/hours\/replicas/);
  });
});
