import { KeyedLock } from '@stapsteen/concurrency';
import type { Connection } from 'mongoose';
import type { PasswordLink } from '../domain/password-link';
import type { Session } from '../domain/session';
import type { ThrottleWindow } from '../domain/sign-in-throttle';
import { User, emailKey } from '../domain/user';
import type { PasswordLinkStore, SessionStore, ThrottleStore, UserStore } from '../application/ports';

// Raw collections addressed by _id only: FerretDB v1 indexes nothing else (ADR 6).
type Doc<T> = T & { _id: string };

const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Users by id, plus one `user_emails` document per lower-cased email (its _id) that makes the
 * email unique without a secondary index and finds a user by email with two _id lookups.
 */
export class MongoUserStore implements UserStore {
  constructor(private readonly connection: Connection) {}

  private get users() {
    return this.connection.collection<Doc<Omit<User, 'id'>>>('users');
  }

  private get emails() {
    return this.connection.collection<{ _id: string; userId: string }>('user_emails');
  }

  async create(user: User): Promise<'CREATED' | 'EXISTS'> {
    try {
      await this.emails.insertOne({ _id: emailKey(user.email), userId: user.id });
    } catch (error) {
      if (isDuplicate(error)) return 'EXISTS';
      throw error;
    }
    const { id, ...rest } = user;
    await this.users.insertOne({ _id: id, ...rest });
    return 'CREATED';
  }

  async byId(id: string): Promise<User | null> {
    const doc = await this.users.findOne({ _id: id });
    return doc ? toUser(doc) : null;
  }

  async byEmail(email: string): Promise<User | null> {
    const entry = await this.emails.findOne({ _id: emailKey(email) });
    return entry ? this.byId(entry.userId) : null;
  }

  async list(): Promise<User[]> {
    return (await this.users.find({}).toArray()).map(toUser).sort((a, b) => a.email.localeCompare(b.email));
  }

  async update(user: User): Promise<void> {
    const { id, ...rest } = user;
    await this.users.replaceOne({ _id: id }, rest);
  }

  async count(): Promise<number> {
    return this.users.countDocuments({});
  }
}

function toUser(doc: Doc<Omit<User, 'id'>>): User {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest } as User;
}

export class MongoSessionStore implements SessionStore {
  constructor(private readonly connection: Connection) {}

  private get sessions() {
    return this.connection.collection<Doc<Omit<Session, 'id'>>>('sessions');
  }

  async create(session: Session): Promise<void> {
    const { id, ...rest } = session;
    await this.sessions.insertOne({ _id: id, ...rest });
  }

  async byId(id: string): Promise<Session | null> {
    const doc = await this.sessions.findOne({ _id: id });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { id: _id, ...rest } as Session;
  }

  async replace(session: Session, expectedVersion: number): Promise<boolean> {
    const { id, ...rest } = session;
    const result = await this.sessions.replaceOne({ _id: id, version: expectedVersion }, rest);
    return result.modifiedCount === 1;
  }

  async revoke(id: string): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { revoked: true }, $inc: { version: 1 } });
  }

  async purgeExpired(before: number): Promise<number> {
    return (await this.sessions.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}

/**
 * Sign-in attempt counters in the database, so they hold across restarts and gateway replicas.
 * `$inc` with upsert is atomic per document, which is what makes parallel attempts count.
 */
export class MongoThrottleStore implements ThrottleStore {
  // FerretDB v1 runs $inc as read-modify-write, so parallel attempts are serialised per key here
  // (one gateway instance); the counts themselves live in the database and survive restarts.
  private readonly lock = new KeyedLock();

  constructor(private readonly connection: Connection) {}

  private get windows() {
    return this.connection.collection<Doc<ThrottleWindow>>('sign_in_attempts');
  }

  hit(key: string, now: number, windowMs: number): Promise<ThrottleWindow> {
    return this.lock.run(key, () => this.count(key, now, windowMs));
  }

  private async count(key: string, now: number, windowMs: number): Promise<ThrottleWindow> {
    // A run-out window restarts; the version condition (old windowStart) lets one request win.
    await this.windows.updateOne(
      { _id: key, windowStart: { $lte: now - windowMs } },
      { $set: { windowStart: now, count: 0 } },
    );
    try {
      await this.windows.updateOne(
        { _id: key },
        { $inc: { count: 1 }, $setOnInsert: { windowStart: now } },
        { upsert: true },
      );
    } catch (error) {
      // Two first attempts upserting at once: the loser increments the winner's document.
      if (!isDuplicate(error)) throw error;
      await this.windows.updateOne({ _id: key }, { $inc: { count: 1 } });
    }
    const doc = await this.windows.findOne({ _id: key });
    return { windowStart: doc?.windowStart ?? now, count: doc?.count ?? 1 };
  }

  async forgive(key: string): Promise<void> {
    await this.lock.run(key, () => this.windows.updateOne({ _id: key, count: { $gt: 0 } }, { $inc: { count: -1 } }));
  }

  async clear(key: string): Promise<void> {
    await this.windows.deleteOne({ _id: key });
  }

  async purgeStale(before: number): Promise<number> {
    return (await this.windows.deleteMany({ windowStart: { $lt: before } })).deletedCount;
  }
}

type LinkDoc = Doc<Omit<PasswordLink, 'id'>> | { _id: string; expiresAt: number; usedAt: number };

/**
 * Password links by the sha-256 of their token (_id). A use is claimed by inserting the document
 * `consumed:<hash>`: an insert of a unique _id is atomic on FerretDB and MongoDB alike (11000 for
 * every loser), where a conditional update is not atomic on FerretDB.
 */
export class MongoPasswordLinkStore implements PasswordLinkStore {
  constructor(private readonly connection: Connection) {}

  private get links() {
    return this.connection.collection<LinkDoc>('password_links');
  }

  async create(link: PasswordLink): Promise<void> {
    const { id, ...rest } = link;
    await this.links.insertOne({ _id: id, ...rest });
  }

  async byId(id: string): Promise<PasswordLink | null> {
    const doc = await this.links.findOne({ _id: id });
    if (!doc || !('userId' in doc)) return null;
    const { _id, ...rest } = doc;
    return { id: _id, ...rest };
  }

  async isUsed(id: string): Promise<boolean> {
    return (await this.links.findOne({ _id: `consumed:${id}` })) !== null;
  }

  async claim(link: PasswordLink, now: number): Promise<'CLAIMED' | 'TAKEN'> {
    try {
      await this.links.insertOne({ _id: `consumed:${link.id}`, expiresAt: link.expiresAt, usedAt: now });
      return 'CLAIMED';
    } catch (error) {
      if (isDuplicate(error)) return 'TAKEN';
      throw error;
    }
  }

  async purgeExpired(before: number): Promise<number> {
    return (await this.links.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}
