/**
 * The database rules of docs/architecture.md ("The rules that follow"), enforced on what the
 * driver actually sends: FerretDB answers `_id` lookups of existing documents and inserts fast,
 * and everything else (other filters, `$in`, misses) grows with the collection. A read or write
 * of a collection by anything but one `_id` is a finding, unless the allow-list below names that
 * collection and filter shape with the reason it was accepted.
 */

/** One command the guard refused: which collection, which filter shape, who sent it. */
export interface DatabaseRuleFinding {
  command: string;
  collection: string;
  shape: string;
  /** The first frame of our own code that sent it (file:line), when the stack shows one. */
  origin?: string;
}

/** A reviewed exception: collections, the filter shapes (see `filterShape`) and why they may stay. */
export interface AllowedQuery {
  collection: string | RegExp;
  shapes: readonly string[];
  reason: string;
}

const GUARDED_COMMANDS = new Set(['find', 'findAndModify', 'update', 'delete', 'count', 'distinct', 'aggregate']);

/**
 * The shape of a filter, without its values: `{_id}` for an equality on `_id`, `{_id:$in}` for an
 * operator, `{a,b:$gte}` for several fields; an empty filter is `{}`.
 */
export function filterShape(filter: unknown): string {
  if (filter === null || typeof filter !== 'object') return '{}';
  const parts = Object.keys(filter as Record<string, unknown>)
    .sort()
    .map((key) => {
      const value = (filter as Record<string, unknown>)[key];
      if (key === '$and' || key === '$or' || key === '$nor') {
        const branches = Array.isArray(value) ? value.map(filterShape) : [];
        return `${key}[${branches.join(',')}]`;
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isScalarObject(value)) {
        const operators = Object.keys(value as Record<string, unknown>).filter((k) => k.startsWith('$'));
        if (operators.length > 0) return `${key}:${operators.sort().join('+')}`;
      }
      return key;
    });
  return `{${parts.join(',')}}`;
}

function isScalarObject(value: object): boolean {
  // ObjectId, Date, Binary and the like: compared by value, not operators.
  const name = value.constructor?.name;
  return name !== undefined && name !== 'Object';
}

/** The filters a command carries, as the driver sends them. */
export function filtersOf(command: Record<string, unknown>, commandName: string): unknown[] {
  switch (commandName) {
    case 'find':
      return [command.filter ?? {}];
    case 'findAndModify':
    case 'count':
    case 'distinct':
      return [command.query ?? {}];
    case 'update':
      return ((command.updates as Array<{ q: unknown }>) ?? []).map((update) => update.q);
    case 'delete':
      return ((command.deletes as Array<{ q: unknown }>) ?? []).map((deletion) => deletion.q);
    case 'aggregate': {
      const first = (command.pipeline as Array<Record<string, unknown>>)?.[0];
      return [first && '$match' in first ? first.$match : {}];
    }
    default:
      return [];
  }
}

/** The findings in one command, after the allow-list. */
export function checkCommand(
  commandName: string,
  command: Record<string, unknown>,
  allowed: readonly AllowedQuery[],
): DatabaseRuleFinding[] {
  if (!GUARDED_COMMANDS.has(commandName)) return [];
  const collection = command[commandName];
  if (typeof collection !== 'string') return [];
  const findings: DatabaseRuleFinding[] = [];
  for (const filter of filtersOf(command, commandName)) {
    const shape = filterShape(filter);
    if (shape === '{_id}') continue;
    const isAllowed = allowed.some(
      (rule) =>
        rule.shapes.includes(shape) &&
        (typeof rule.collection === 'string' ? rule.collection === collection : rule.collection.test(collection)),
    );
    if (!isAllowed) findings.push({ command: commandName, collection, shape });
  }
  return findings;
}

interface MonitoredClient {
  monitorCommands: boolean;
  on(
    event: 'commandStarted',
    listener: (event: { commandName: string; command: Record<string, unknown> }) => void,
  ): void;
  connect(...args: unknown[]): Promise<unknown>;
}

type Watcher = { allowed: readonly AllowedQuery[]; report: (finding: DatabaseRuleFinding) => void };
const watchers = new Set<Watcher>();

/**
 * Watches every connection a service opens through Nest's MongooseModule in this process (the
 * tests' own connections, which read for their assertions, are left alone) and hands each
 * finding to `report`; returns the way to stop watching. Both copies of the driver are patched:
 * mongoose may bring its own.
 */
export function watchServiceConnections(
  allowed: readonly AllowedQuery[],
  report: (finding: DatabaseRuleFinding) => void,
): () => void {
  const watcher = { allowed, report };
  watchers.add(watcher);
  for (const driver of driverCopies()) {
    const prototype = driver.MongoClient.prototype as unknown as MonitoredClient & { __rulesWatched?: true };
    if (prototype.__rulesWatched) continue;
    prototype.__rulesWatched = true;
    const connect = prototype.connect;
    prototype.connect = function (this: MonitoredClient, ...args: unknown[]) {
      if (openedByService(new Error().stack ?? '')) {
        this.monitorCommands = true;
        this.on('commandStarted', (event) => {
          let origin: string | undefined | null = null;
          for (const { allowed: allowedHere, report: reportHere } of watchers) {
            const findings = checkCommand(event.commandName, event.command, allowedHere);
            if (findings.length === 0) continue;
            origin ??= originOf(stackOfCaller());
            // A test reading or cleaning up through a service's connection is not the service's query.
            if (origin && isTestCode(origin)) return;
            for (const finding of findings) reportHere({ ...finding, origin: origin ?? undefined });
          }
        });
      }
      return connect.apply(this, args);
    };
  }
  return () => watchers.delete(watcher);
}

function stackOfCaller(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 80;
  try {
    // The driver emits commandStarted in the await chain of whoever sent the command, so V8's
    // async stack trace reaches back to it.
    return new Error().stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The first frame in our own code (not the driver, mongoose, Node or this guard): path:line. */
export function originOf(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const match = /(?:\(|at (?:async )?)((?:\/|[A-Za-z]:\\)[^():]+):(\d+):\d+\)?\s*$/.exec(line);
    if (!match) continue;
    const [, file, lineNumber] = match;
    if (file.includes('node_modules') || file.endsWith('/libs/testing/src/database-rules.ts')) continue;
    return `${file}:${lineNumber}`;
  }
  return undefined;
}

export function isTestCode(origin: string): boolean {
  return /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts|\.fault-spec\.ts|\/tests?\/)/.test(origin);
}

function openedByService(stack: string): boolean {
  return stack.includes('@nestjs/mongoose') || stack.includes('mongoose.module') || stack.includes('mongoose-core');
}

function driverCopies(): Array<{ MongoClient: { prototype: object } }> {
  const copies = new Set<string>();
  for (const from of [__dirname, require.resolve('mongoose')]) {
    try {
      copies.add(require.resolve('mongodb', { paths: [from] }));
    } catch {
      // this copy is not installed
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [...copies].map((path) => require(path) as { MongoClient: { prototype: object } });
}
