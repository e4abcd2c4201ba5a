import { DomainError } from '@stapsteen/errors';
import {
  AggregateStore,
  Decision,
  Serialize,
  changeAggregate,
  unserialised,
} from '../../shared/application/aggregate-writes';
import { Clock, brusselsDateOf } from '../../shared/application/clock';
import type { ParticipantChanges } from '../../shared/application/participant-changes';

/** The answer when an assignment is missing or outside the caller's organisations. */
export const assignmentNotFound = (what: string) =>
  new DomainError('COACHING.ASSIGNMENT_NOT_FOUND', 'not-found', `There is no such ${what} in your organisations.`);

/**
 * How the three modalities' services write: each change through the shared read-decide-write loop
 * (under `serialize`), then, once stored, the outbox relay is nudged (`onStored`) and the gap
 * evaluation is told which participants changed.
 */
export class AssignmentWriter {
  constructor(
    private readonly clock: Clock,
    private readonly changes: ParticipantChanges,
    private readonly serialize: Serialize = unserialised,
    private readonly onStored: () => void = () => undefined,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** Today in Brussels. */
  today(): string {
    return brusselsDateOf(this.clock.now());
  }

  change<T, R>(store: AggregateStore<T>, id: string, decide: (current: T | null) => Decision<T, R>): Promise<R> {
    return changeAggregate(store, this.serialize, id, decide);
  }

  /** After a stored change: nudges the relay, tells who changed, and hands the result back. */
  async stored<R>(result: R, participantIds: string[]): Promise<R> {
    this.onStored();
    await this.changes.touched(participantIds);
    return result;
  }
}
