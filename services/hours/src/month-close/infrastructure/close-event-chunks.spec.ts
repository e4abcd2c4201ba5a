import type { OutboxEntry } from '@stapsteen/messaging';
import { chunkOutbox } from './close-event-chunks';

const entry = (n: number, valueLength = 100): OutboxEntry => ({
  eventId: `e${n}`,
  topic: 'stapsteen.hours',
  key: `p${n % 3}`,
  type: 'hours.participant-month-closed@v1',
  correlationId: 'c',
  value: 'x'.repeat(valueLength),
  createdAt: new Date(0),
});

describe('cutting a close’s events into chunk documents', () => {
  it('keeps every entry once and in order, at most maxEntries to a chunk', () => {
    const entries = Array.from({ length: 10 }, (_, n) => entry(n));
    const chunks = chunkOutbox(entries, { maxEntries: 4, maxBytes: 1_000_000 });
    expect(chunks.map((c) => c.map((e) => e.eventId))).toEqual([
      ['e0', 'e1', 'e2', 'e3'],
      ['e4', 'e5', 'e6', 'e7'],
      ['e8', 'e9'],
    ]);
  });

  it('starts a new chunk before the bytes would pass maxBytes, counting 200 bytes for the other fields', () => {
    const entries = Array.from({ length: 5 }, (_, n) => entry(n, 300)); // 500 bytes each
    const chunks = chunkOutbox(entries, { maxEntries: 100, maxBytes: 1200 });
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 1]);
  });

  it('gives an entry larger than maxBytes a chunk of its own, and nothing for no events', () => {
    expect(chunkOutbox([entry(0, 10), entry(1, 5000), entry(2, 10)], { maxEntries: 100, maxBytes: 1000 })).toEqual([
      [entry(0, 10)],
      [entry(1, 5000)],
      [entry(2, 10)],
    ]);
    expect(chunkOutbox([])).toEqual([]);
  });

  it('keeps a 15,000-participant close (about 1.2 KB an event) in chunks well below 4 MB', () => {
    const entries = Array.from({ length: 21_000 }, (_, n) => entry(n, 1000));
    const chunks = chunkOutbox(entries);
    expect(chunks).toHaveLength(13); // 1,747 entries of 1,200 bytes in 2 MB
    expect(Math.max(...chunks.map((c) => c.reduce((sum, e) => sum + e.value.length + 200, 0)))).toBeLessThanOrEqual(
      2 * 1024 * 1024,
    );
  });
});
