import { databaseTroubleOf, isDatabaseUnavailable } from './database-unavailable';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('telling a database outage from a bug', () => {
  it.each([
    [
      'FerretDB or MongoDB down (server selection)',
      named('MongoServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:27017'),
    ],
    ['a connection lost mid-call', named('MongoNetworkError', 'connection 3 to 127.0.0.1:27017 closed')],
    ['a network timeout', named('MongoNetworkTimeoutError', 'connection timed out')],
    [
      'a pool cleared after a failure',
      named('MongoPoolClearedError', 'Connection pool for 127.0.0.1:27017 was cleared'),
    ],
    ['Mongoose still buffering', named('MongooseError', 'Operation `x.findOne()` buffering timed out after 10000ms')],
    [
      'FerretDB without its PostgreSQL',
      named(
        'MongoServerError',
        '[msg_insert.go:168] failed to connect to `user=stapsteen database=ferretdb`:\n\t127.0.0.1:5432: dial error: connect: connection refused',
      ),
    ],
    ['PostgreSQL killed during a query', named('MongoServerError', '[collection.go:109] unexpected EOF')],
    [
      'PostgreSQL shutting down',
      named('MongoServerError', 'FATAL: the database system is shutting down (SQLSTATE 57P03)'),
    ],
  ])('%s is "unavailable"', (_title, error) => {
    expect(databaseTroubleOf(error)).toBe('unavailable');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('finds the outage in a wrapped cause', () => {
    const wrapped = new Error('could not remove published events', {
      cause: named('MongoServerSelectionError', 'connect ECONNREFUSED'),
    });
    expect(databaseTroubleOf(wrapped)).toBe('unavailable');
  });

  it('a locked SQLite back end is "busy", not an outage to wait out', () => {
    const busy = named('MongoServerError', '[collection.go:191] database is locked (5) (SQLITE_BUSY)');
    expect(databaseTroubleOf(busy)).toBe('busy');
    expect(isDatabaseUnavailable(busy)).toBe(false);
  });

  it.each([
    ['a bug', new TypeError('Cannot read properties of undefined')],
    ['a duplicate key', Object.assign(named('MongoServerError', 'E11000 duplicate key error'), { code: 11000 })],
    ['a plain error that mentions a connection', new Error('failed to connect to the printer')],
    ['not an error at all', 'connection refused'],
    ['nothing', undefined],
  ])('%s is no database trouble', (_title, error) => {
    expect(databaseTroubleOf(error)).toBeNull();
  });
});
