import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Carried from HTTP requests into Kafka headers and back, so one user action can be traced. */
export const CORRELATION_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<string>();

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export const correlation = {
  current(): string | undefined {
    return storage.getStore();
  },
  run<T>(correlationId: string, work: () => T): T {
    return storage.run(correlationId, work);
  },
  /** Keeps a caller's id when it is well-formed; an arbitrary header must not end up in our logs. */
  fromIncoming(value: unknown): string {
    const candidate = Array.isArray(value) ? value[0] : value;
    return typeof candidate === 'string' && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID();
  },
};
