/**
 * At most `size` callers inside `run` at once; the rest wait, served in the order they came. For
 * work that gets slower, not faster, when more of it runs at once (e.g. reads a database decodes
 * on the same few cores).
 */
export class Gate {
  private inside = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inside += 1;
    try {
      return await work();
    } finally {
      // The place passes straight to the next caller waiting, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.inside -= 1;
    }
  }
}
