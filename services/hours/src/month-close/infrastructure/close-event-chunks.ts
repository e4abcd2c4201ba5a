import type { OutboxEntry } from '@stapsteen/messaging';

/**
 * A month close of a large organisation produces more events than fit in one document (about
 * 25 MB at 15,000 participants against MongoDB's 16 MB per document). They are written as drafts
 * in chunks of at most this many entries and bytes (of the envelopes' JSON), well below the
 * 4 MB we allow a document here, before the close document decides (ADR 25).
 */
export interface ChunkLimits {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxEntries: 2000, maxBytes: 2 * 1024 * 1024 };

/** Splits the outbox in order; every chunk holds at least one entry, none exceeds the limits unless one entry alone does. */
export function chunkOutbox(
  entries: readonly OutboxEntry[],
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): OutboxEntry[][] {
  const chunks: OutboxEntry[][] = [];
  let chunk: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.value.length + 200; // the entry's other fields
    if (chunk.length > 0 && (chunk.length >= limits.maxEntries || bytes + size > limits.maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(entry);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export const MONTH_CLOSE_EVENTS_COLLECTION = 'month_close_events';

/** One chunk of a close attempt's events: a draft until the close document names its attempt. */
export interface EventChunkDocument {
  _id: string;
  closeId: string;
  attempt: string;
  n: number;
  startedAt: Date;
  outbox: OutboxEntry[];
}

/**
 * What became of a close attempt, decided by whoever inserts it first (an insert of a unique `_id`
 * is atomic on FerretDB and MongoDB; ADR 18): the closer inserts DECIDING just before its close
 * document, a repair inserts ABANDONED before it removes drafts it found undecided for longer
 * than the lease. So a repair never removes the drafts of a close that is about to be decided.
 */
export interface AttemptFateDocument {
  _id: string;
  closeId: string;
  attempt: string;
  fate: 'DECIDING' | 'ABANDONED';
  at: Date;
}

export const chunkId = (closeId: string, attempt: string, n: number) => `${closeId}:${attempt}:events:${n}`;
export const fateId = (closeId: string, attempt: string) => `${closeId}:${attempt}:fate`;

/** What the close document says about its events: which attempt's drafts hold them, in how many chunks. */
export interface CloseEventsRef {
  attempt: string;
  chunks: number;
}
