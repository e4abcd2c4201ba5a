/**
 * What the version claims add to one participant change over HTTP (ADR 18 and 24): two
 * flow-through processes on the local stack, one with VERSION_CLAIMS=on and one with off (each its
 * own database), the same sequential `PATCH /participants/:id` (a new monthly hours target; the
 * answer comes after the due check, which saves the organisation's due tasks) sent to both in turn,
 * so that both see the same machine load. Not part of `npm test`; run with the stack up:
 *   KAFKA_BROKERS=127.0.0.1:<port> MONGODB_URI=mongodb://127.0.0.1:<port>/ \
 *     node -r @swc-node/register tests/replicas/measure-participant-write-latency.ts
 */
import { testToday } from '@stapsteen/testing';
import { compareVersionClaims, runMeasurement } from './measure-support';
import { Replica, call } from './replicas';

const PARTICIPANTS = Number(process.env.WRITE_LATENCY_PARTICIPANTS ?? 40);
const WRITES = Number(process.env.WRITE_LATENCY_WRITES ?? 300);

const must = async (answer: Promise<{ status: number; body: any }>, status: number) => {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${got} ${JSON.stringify(body)}`);
  return body;
};

const people = new Map<Replica, string[]>();

runMeasurement(() =>
  compareVersionClaims({
    service: 'flow-through',
    env: {},
    title: `PATCH /participants/:id, one process each, ${PARTICIPANTS} participants`,
    unit: 'writes',
    count: WRITES,
    prepare: async ({ organisation, region, admin, organiser, withClaims, without }) => {
      for (const replica of [withClaims, without]) {
        await must(
          call(replica, 'PUT', '/organisations', admin, {
            id: organisation,
            name: 'Bench',
            kind: 'WIJK_WERK',
            regionId: region,
          }),
          200,
        );
        const ids: string[] = [];
        for (let i = 0; i < PARTICIPANTS; i++) {
          const enrolled = await must(
            call(replica, 'POST', '/participants', organiser, {
              organisationId: organisation,
              firstName: 'Sofie',
              lastName: `Verbeeck ${i}`,
              dateOfBirth: '1987-04-12',
              referralSource: 'VDAB',
            }),
            201,
          );
          await must(
            call(replica, 'POST', `/participants/${enrolled.id}/trajectory/start`, organiser, { on: testToday() }),
            200,
          );
          ids.push(enrolled.id);
        }
        people.set(replica, ids);
      }
    },
    one: async (replica, i, { organiser }) => {
      await must(
        call(replica, 'PATCH', `/participants/${people.get(replica)![i % PARTICIPANTS]}`, organiser, {
          monthlyHoursTarget: 10 + (i % 30),
        }),
        200,
      );
    },
  }),
);
