/**
 * The one read-decide-write loop of every aggregate write (issue 12, ADR 5 and 18): under the
 * per-aggregate lock of this process, read the aggregate with its version, let the domain decide,
 * write only if nobody took that version step meanwhile (the repository's `update` claims the step
 * and keeps the version condition), and on losing read again and decide against the new state.
 */

/** Runs work for one key at a time in this process (`KeyedLock.run`). */
export type Serialize = <R>(key: string, work: () => Promise<R>) => Promise<R>;

export const unserialised: Serialize = (_key, work) => work();

/** One aggregate as read, with the version its next write must find. */
export interface Loaded<T> {
  value: T;
  version: number;
}

export interface Decided<N, R> {
  next: N;
  result: R;
  /** Nothing to write (the decision changed nothing): the result is returned as it is. */
  unchanged?: boolean;
}

/** How many times a writer reads again after losing before it gives up (then `busy`). */
export const MAX_WRITE_ATTEMPTS = 20;

export interface ReadDecideWrite<T, N, R> {
  /** The lock key: collection and id (`aggregateKey`). */
  key: string;
  serialize?: Serialize;
  load(): Promise<Loaded<T> | null>;
  /** May throw a domain error: nothing is written then. */
  decide(loaded: Loaded<T> | null): Decided<N, R> | Promise<Decided<N, R>>;
  /** Creates the aggregate; false when another writer created it first. */
  insert(next: N): Promise<boolean>;
  /** Writes the step from `expectedVersion`; false when another writer took it. */
  update(next: N, expectedVersion: number): Promise<boolean>;
  /** The error when every attempt lost (a 409 problem with the service's own code). */
  busy(): Error;
  attempts?: number;
}

export async function readDecideWrite<T, N, R>(write: ReadDecideWrite<T, N, R>): Promise<R> {
  const serialize = write.serialize ?? unserialised;
  const attempts = write.attempts ?? MAX_WRITE_ATTEMPTS;
  return serialize(write.key, async () => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const loaded = await write.load();
      const { next, result, unchanged } = await write.decide(loaded);
      if (unchanged) return result;
      const written = loaded ? await write.update(next, loaded.version) : await write.insert(next);
      if (written) return result;
    }
    throw write.busy();
  });
}
