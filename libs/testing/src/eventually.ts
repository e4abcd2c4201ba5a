/**
 * Polls until `probe` returns a value that `accept` takes (or stops throwing), or fails with the
 * last observation once the deadline passes. Tests wait for outcomes this way, never with sleeps.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean = () => true,
  { timeoutMs = 20000, intervalMs = 100, what = 'the expected outcome' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const shown = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Waited ${timeoutMs} ms for ${what}; last saw: ${shown?.slice(0, 500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
