/**
 * The status of every service behind the gateway, asked at most once per `freshForMs`: callers
 * within that time, and callers that arrive while a round is under way, share one round. The
 * status page and `GET /api/status` are public, and one round is six requests to the services
 * (readiness, which touches their database and Kafka, and a whole metrics scrape each), so without
 * this every anonymous request multiplied into the services' work.
 */
export class StatusRound<T> {
  private last: { at: number; value: Promise<T> } | undefined;

  constructor(
    private readonly ask: () => Promise<T>,
    private readonly freshForMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const now = this.now();
    if (this.last && now - this.last.at < this.freshForMs) return this.last.value;
    const value = this.ask();
    const round = { at: now, value };
    this.last = round;
    // A round that failed is not kept: the next caller asks again.
    value.catch(() => {
      if (this.last === round) this.last = undefined;
    });
    return value;
  }
}
