import { KeyedLock } from '@stapsteen/concurrency';
import type { OutboxEntry } from '@stapsteen/messaging';
import { GroupSession, enrol, planGroupSession } from '../../assignments/domain/group-session';
import { AggregateStore, Versioned, changeAggregate } from './aggregate-writes';

/** An in-memory store that yields between read and write, as a database round trip does. */
class InMemoryStore<T> implements AggregateStore<T> {
  readonly collectionName = 'group_sessions';
  readonly documents = new Map<string, Versioned<T> & { outbox: OutboxEntry[] }>();
  constructor(private readonly checkVersion: boolean) {}
  private tick = () => new Promise((resolve) => setImmediate(resolve));
  async load(id: string) {
    await this.tick();
    const document = this.documents.get(id);
    return document ? { value: structuredClone(document.value), version: document.version } : null;
  }
  async insert(id: string, value: T, outbox: OutboxEntry[]) {
    await this.tick();
    if (this.documents.has(id)) return false;
    this.documents.set(id, { value, version: 1, outbox });
    return true;
  }
  async update(id: string, value: T, expectedVersion: number, outbox: OutboxEntry[]) {
    await this.tick();
    const document = this.documents.get(id);
    if (!document || (this.checkVersion && document.version !== expectedVersion)) return false;
    this.documents.set(id, { value, version: document.version + 1, outbox: [...document.outbox, ...outbox] });
    return true;
  }
}

const plan = planGroupSession({
  id: 's-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  title: 'Op tijd komen',
  competencyCodes: ['STIPTHEID'],
  date: '2026-05-12',
  startTime: '09:30',
  endTime: '12:00',
  place: 'Geel',
  trainer: 'Els',
  capacity: 3,
  createdBy: 'coach-1',
});

async function enrolTen(
  store: InMemoryStore<GroupSession>,
  serialize = <R>(_key: string, work: () => Promise<R>) => work(),
) {
  store.documents.set('s-1', { value: plan, version: 1, outbox: [] });
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      changeAggregate(store, serialize, 's-1', (current) =>
        enrol(
          current as GroupSession,
          { participantId: `p-${i}`, organisationId: 'org-neteland', regionId: 'region-kempen' },
          `2026-05-01T08:00:00.00${i}Z`,
          '2026-05-01',
        ),
      ),
    ),
  );
  return store.documents.get('s-1')!;
}

describe('enrolments written concurrently', () => {
  it('never exceed capacity when the database checks the version: the rest wait', async () => {
    const stored = await enrolTen(new InMemoryStore<GroupSession>(true));
    expect(stored.value.enrolments.filter((e) => e.status === 'ENROLLED')).toHaveLength(3);
    expect(stored.value.enrolments.filter((e) => e.status === 'WAITING')).toHaveLength(7);
    expect(stored.outbox).toHaveLength(3);
  });

  it('never exceed capacity under the per-aggregate lock even when the database ignores the version (FerretDB v1)', async () => {
    const lock = new KeyedLock();
    const stored = await enrolTen(new InMemoryStore<GroupSession>(false), (key, work) => lock.run(key, work));
    expect(stored.value.enrolments.filter((e) => e.status === 'ENROLLED')).toHaveLength(3);
    expect(stored.value.enrolments).toHaveLength(10);
  });
});
