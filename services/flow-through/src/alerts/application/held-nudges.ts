/** Schedules `work` after `ms`; returns how to cancel it (setTimeout in the service, a fake in tests). */
export type Schedule = (work: () => void, ms: number) => () => void;

export interface HeldNudgesOptions {
  /** How long no batch may be in hand before what was held goes to the relay. */
  quietMs: number;
  /** The longest a document is held while batches keep coming. */
  maxHoldMs: number;
  now?: () => number;
  schedule?: Schedule;
}

const timer: Schedule = (work, ms) => {
  const handle = setTimeout(work, ms);
  handle.unref();
  return () => clearTimeout(handle);
};

/**
 * Names the documents alert writes stored events in to the outbox relay (`nudge`), but holds them
 * while alert batches are being written, and hands them over once no batch has been in hand for
 * `quietMs` (or once the oldest has waited `maxHoldMs`). Issue 14: during a month close's burst
 * of flags, the relay's publishing and removal (two reads, a claim and an update per participant)
 * and the KPI projection of the events it publishes competed with the alert writes for the
 * database; the manager sees an alert once its inbox entry is written, which does not wait for
 * the relay. A held document's events are in its outbox all along: a process that dies holding
 * them leaves them to the relay's sweep (at start-up and every `OUTBOX_POLL_MS`). ADR 22.
 */
export class HeldNudges {
  private inHand = 0;
  private readonly held = new Set<string>();
  private heldSince: number | undefined;
  private cancel: (() => void) | undefined;
  private readonly now: () => number;
  private readonly schedule: Schedule;

  constructor(
    private readonly nudge: (id: string) => void,
    private readonly options: HeldNudgesOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? timer;
  }

  /** A write stored events in this document. */
  stored(id: string): void {
    if (this.inHand === 0 && this.held.size === 0) {
      this.nudge(id);
      return;
    }
    this.held.add(id);
    this.heldSince ??= this.now();
    if (this.now() - this.heldSince >= this.options.maxHoldMs) this.release();
  }

  /** Runs a batch's writes; what they store is held until the batches pause. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.inHand += 1;
    this.cancel?.();
    this.cancel = undefined;
    try {
      return await work();
    } finally {
      this.inHand -= 1;
      if (this.inHand === 0 && this.held.size > 0)
        this.cancel = this.schedule(() => this.release(), this.options.quietMs);
    }
  }

  /** Hands every held document to the relay now (also at shutdown, before the relay stops). */
  release(): void {
    this.cancel?.();
    this.cancel = undefined;
    const ids = [...this.held];
    this.held.clear();
    this.heldSince = undefined;
    for (const id of ids) this.nudge(id);
  }
}
