/**
 * What the version claims add to one prestation entry over HTTP (ADR 18): two hours processes on
 * the local stack, one with VERSION_CLAIMS=on and one with off (each its own database), the same
 * sequential entries sent to both in turn, so that both see the same machine load. Not part of
 * `npm test`; run with the stack up:
 *   KAFKA_BROKERS=127.0.0.1:<port> MONGODB_URI=mongodb://127.0.0.1:<port>/ \
 *     node -r @swc-node/register tests/replicas/measure-entry-latency.ts
 */
import { dayOf, monthsAgo } from '@stapsteen/testing';
import { compareVersionClaims, runMeasurement } from './measure-support';
import { call, feedParticipant, waitForRoster } from './replicas';

const PARTICIPANTS = Number(process.env.ENTRY_LATENCY_PARTICIPANTS ?? 40);
const ENTRIES = Number(process.env.ENTRY_LATENCY_ENTRIES ?? 400);

let people: string[] = [];
const month = monthsAgo(1);

runMeasurement(() =>
  compareVersionClaims({
    service: 'hours',
    env: { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' },
    title: `POST /prestations, one process each, ${PARTICIPANTS} participants`,
    unit: 'entries',
    count: ENTRIES,
    prepare: async ({ organisation, region, admin, withClaims, without }) => {
      people = await Promise.all(
        Array.from({ length: PARTICIPANTS }, () =>
          feedParticipant({ organisationId: organisation, regionId: region, startedOn: dayOf(monthsAgo(2), 1) }),
        ),
      );
      await waitForRoster(withClaims, admin, people);
      await waitForRoster(without, admin, people);
    },
    one: async (replica, i, { organiser }) => {
      const answer = await call(replica, 'POST', '/prestations', organiser, {
        participantId: people[i % people.length],
        date: dayOf(month, (Math.floor(i / people.length) % 28) + 1),
        minutes: 30,
        gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
        activity: 'Middagtoezicht',
      });
      if (answer.status !== 201) throw new Error(`entry ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
    },
  }),
);
