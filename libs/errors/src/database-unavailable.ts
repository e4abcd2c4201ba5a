/**
 * Whether a failure means the database cannot be reached or cannot answer right now: a passing
 * condition, not a bug. HTTP answers it with 503 and Retry-After; a consumer waits for the
 * database and tries again, however long it takes, instead of spending its retries and
 * dead-lettering events that are perfectly valid.
 *
 * Recognised by the driver's error names and the messages FerretDB and PostgreSQL give (no driver
 * import: every library may ask).
 *
 * - `unavailable`: the server cannot be reached (FerretDB or MongoDB down: the driver's network and
 *   server-selection errors, Mongoose's buffering timeout), or FerretDB is up but its PostgreSQL is
 *   not (FerretDB answers `InternalError` "failed to connect to ...", "conn closed", ...).
 * - `busy`: the database is there but too busy to answer in time (SQLite's lock, a lock timeout).
 */
export type DatabaseTrouble = 'unavailable' | 'busy';

const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoServerClosedError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
]);

/** What FerretDB says when its PostgreSQL is gone, or goes while a query runs. */
const BACKEND_GONE =
  /failed to connect to|dial error|connection refused|conn closed|unexpected EOF|server closed the connection|terminating connection|the database system is (starting up|shutting down|in recovery mode)|connection reset by peer|broken pipe/i;
const BUSY = /SQLITE_BUSY|database is locked|LockTimeout/i;
const MONGOOSE_BUFFERING = /buffering timed out/i;

/** The trouble of `error`, or of an error it wraps as its `cause` (a few levels down). */
export function databaseTroubleOf(error: unknown): DatabaseTrouble | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const trouble = troubleOfOne(current);
    if (trouble) return trouble;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function troubleOfOne(error: object): DatabaseTrouble | null {
  const { name, message } = error as { name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof name !== 'string') return null;
  if (UNAVAILABLE_ERROR_NAMES.has(name)) return 'unavailable';
  if (name === 'MongooseError' && MONGOOSE_BUFFERING.test(text)) return 'unavailable';
  if (name === 'MongoServerError' || name === 'MongoBulkWriteError' || name === 'MongoWriteConcernError') {
    if (BUSY.test(text)) return 'busy';
    if (BACKEND_GONE.test(text)) return 'unavailable';
  }
  return null;
}

/** The database cannot be reached (not merely busy): wait for it rather than give up. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseTroubleOf(error) === 'unavailable';
}

/** Seconds a client is asked to wait before trying again (the Retry-After of the 503). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
