import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose from 'mongoose';
import { DatabaseRuleFinding, watchServiceConnections } from './database-rules';
import { ProbeAdapter } from './database-rules-probe';

describe('the database rules guard on a real connection', () => {
  const database = `database_rules_${Date.now().toString(36)}`;
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  const seen: DatabaseRuleFinding[] = [];
  let stopWatching: () => void;

  beforeAll(async () => {
    stopWatching = watchServiceConnections([], (finding) => {
      if (finding.collection === 'database_rules_probe') seen.push(finding);
    });
    @Module({
      imports: [MongooseModule.forRoot(process.env.MONGODB_URI!, { dbName: database })],
      providers: [ProbeAdapter],
    })
    class ProbeModule {}
    app = await NestFactory.createApplicationContext(ProbeModule, { logger: false });
  });

  afterAll(async () => {
    stopWatching();
    await app?.close();
  });

  it("reports a service's read by another field than _id, with the adapter that sent it", async () => {
    await app.get(ProbeAdapter).byOtherField('blue');
    expect(seen).toEqual([
      {
        command: 'find',
        collection: 'database_rules_probe',
        shape: '{colour}',
        origin: expect.stringContaining('libs/testing/src/database-rules-probe.ts'),
      },
    ]);
    seen.length = 0;
  });

  it("lets the service's _id read through, and the test's own connection read anything", async () => {
    await app.get(ProbeAdapter).byId('p-1');
    const own = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: database }).asPromise();
    try {
      await own.collection('database_rules_probe').find({ colour: 'blue' }).toArray();
    } finally {
      await own.close();
    }
    expect(seen).toEqual([]);
  });
});
