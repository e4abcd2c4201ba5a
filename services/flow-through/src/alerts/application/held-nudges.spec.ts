import { HeldNudges, Schedule } from './held-nudges';

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let now = 0;
  let timers: Array<{ at: number; work: () => void }> = [];
  const schedule: Schedule = (work, ms) => {
    const timer = { at: now + ms, work };
    timers.push(timer);
    return () => (timers = timers.filter((t) => t !== timer));
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.work();
  };
  return { now: () => now, schedule, advance };
}

describe('HeldNudges', () => {
  const setUp = () => {
    const time = fakeTime();
    const nudged: string[] = [];
    const nudges = new HeldNudges((id) => nudged.push(id), {
      quietMs: 1000,
      maxHoldMs: 60_000,
      now: time.now,
      schedule: time.schedule,
    });
    return { time, nudged, nudges };
  };

  it('nudges at once when no batch is in hand', () => {
    const { nudged, nudges } = setUp();
    nudges.stored('a');
    expect(nudged).toEqual(['a']);
  });

  it('holds what batches store until no batch has been in hand for the quiet time', async () => {
    const { time, nudged, nudges } = setUp();
    await nudges.during(async () => nudges.stored('a'));
    time.advance(500);
    // The next batch comes within the quiet time: still held.
    await nudges.during(async () => nudges.stored('b'));
    time.advance(999);
    expect(nudged).toEqual([]);
    time.advance(1);
    expect(nudged).toEqual(['a', 'b']);
  });

  it('hands everything over once the oldest has waited the longest hold, even while batches keep coming', async () => {
    const { time, nudged, nudges } = setUp();
    let release!: () => void;
    const long = nudges.during(() => new Promise<void>((resolve) => (release = resolve)));
    nudges.stored('a');
    time.advance(59_999);
    nudges.stored('b');
    expect(nudged).toEqual([]);
    time.advance(1);
    nudges.stored('c');
    expect(nudged).toEqual(['a', 'b', 'c']);
    release();
    await long;
  });

  it('releases what it holds on demand (shutdown) and when a batch fails', async () => {
    const { time, nudged, nudges } = setUp();
    await expect(
      nudges.during(async () => {
        nudges.stored('a');
        throw new Error('database away');
      }),
    ).rejects.toThrow('database away');
    time.advance(1000);
    expect(nudged).toEqual(['a']);
    await nudges.during(async () => nudges.stored('b'));
    nudges.release();
    expect(nudged).toEqual(['a', 'b']);
    time.advance(5000);
    expect(nudged).toEqual(['a', 'b']);
  });
});
