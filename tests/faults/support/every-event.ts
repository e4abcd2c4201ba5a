/**
 * A small programme year that makes the three services publish every event type of
 * libs/contracts through their own APIs (broker-faults: the duplicates suite replays them all).
 * Each step is what a user does; the events follow from the services' own rules.
 */
import { dayOf, daysAgo, eventually, monthsAgo, testToday } from '@stapsteen/testing';
import { callApi } from './db-faults-stack';

export interface Services {
  flowThrough: string;
  hours: string;
  coaching: string;
}

export interface Tokens {
  admin: string;
  organiser: string;
  coach: string;
}

async function ok(
  what: string,
  call: Promise<{ status: number; body: any }>,
  expected: number[] = [200, 201],
): Promise<any> {
  const response = await call;
  if (!expected.includes(response.status)) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 800)}`);
  }
  return response.body;
}

/** Answers the participants it made: `flagged` (low hours, then cleared), `ended`, `erased`, `dropped`. */
export async function driveEveryEvent(
  urls: Services,
  tokens: Tokens,
  organisationId: string,
  regionId: string,
): Promise<Record<'flagged' | 'ended' | 'erased' | 'dropped', string>> {
  const ft = (method: string, route: string, body?: unknown) =>
    callApi(urls.flowThrough, method, route, tokens.organiser, body);
  const startedOn = dayOf(monthsAgo(4), 1);
  const [monthA, monthB, monthC] = [monthsAgo(3), monthsAgo(2), monthsAgo(1)];

  await ok(
    'organisation',
    callApi(urls.flowThrough, 'PUT', '/organisations', tokens.admin, {
      id: organisationId,
      name: 'Wijk-werken Neteland',
      kind: 'WIJK_WERK',
      regionId,
    }),
  );
  const enrol = async (firstName: string) =>
    (
      await ok(
        `enrol ${firstName}`,
        ft('POST', '/participants', {
          organisationId,
          firstName,
          lastName: 'Dubbel',
          dateOfBirth: '1983-02-11',
          referralSource: 'OCMW',
          monthlyHoursTarget: 20,
          enrolledOn: startedOn,
        }),
      )
    ).id as string;
  const flagged = await enrol('Lotte');
  const ended = await enrol('Youssef');
  const erased = await enrol('Ines');
  const dropped = await enrol('Bram');
  for (const id of [flagged, ended, erased]) {
    await ok('start', ft('POST', `/participants/${id}/trajectory/start`, { on: startedOn }));
  }
  // participant.updated, trajectory.suspended / resumed / extended / ended / follow-up-recorded
  await ok('update', ft('PATCH', `/participants/${erased}`, { monthlyHoursTarget: 22 }));
  await ok(
    'suspend',
    ft('POST', `/participants/${ended}/trajectory/suspend`, { on: dayOf(monthsAgo(4), 10), reasonCode: 'CARE' }),
  );
  await ok('resume', ft('POST', `/participants/${ended}/trajectory/resume`, { on: dayOf(monthsAgo(4), 20) }));
  await ok('extend', ft('POST', `/participants/${ended}/trajectory/extend`, { plannedEndOn: dayOf(monthsAgo(-9), 1) }));
  await ok(
    'end',
    ft('POST', `/participants/${ended}/trajectory/end`, { on: daysAgo(3), destination: 'SOCIAL_ECONOMY' }),
  );
  await ok(
    'follow-up',
    ft('POST', `/participants/${ended}/trajectory/follow-ups`, {
      checkpoint: 'IMMEDIATE',
      recordedOn: testToday(),
      immediateStatus: 'EECR04',
    }),
  );
  // trajectory.referral-dropped
  await ok(
    'drop-off',
    ft('POST', `/participants/${dropped}/trajectory/drop-off`, { droppedOn: daysAgo(2), reasonCode: 'NOT_REACHED' }),
  );

  // Hours: below target two months (flagged), barriers, then a month at target (cleared).
  await eventually(
    () => callApi(urls.hours, 'GET', `/organisations/${organisationId}/months/${monthA}`, tokens.organiser),
    (r) => r.status === 200 && [flagged, ended, erased].every((id) => r.body.some((p: any) => p.participantId === id)),
    { what: 'the participants in hours', timeoutMs: 120_000 },
  );
  for (const [month, hours] of [
    [monthA, 2],
    [monthB, 2],
    [monthC, 24],
  ] as const) {
    for (let day = 1; day <= hours / 2; day++) {
      await ok(
        'prestation',
        callApi(urls.hours, 'POST', '/prestations', tokens.organiser, {
          participantId: flagged,
          date: dayOf(month, day + 1),
          minutes: 120,
          gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
          activity: 'Tuinonderhoud',
        }),
      );
    }
  }
  const close = (month: string) =>
    ok(
      `close ${month}`,
      callApi(urls.hours, 'POST', `/organisations/${organisationId}/months/${month}/close`, tokens.organiser),
    );
  await close(monthA);
  await close(monthB);
  await ok(
    'barriers',
    callApi(urls.hours, 'PUT', `/participants/${flagged}/months/${monthB}/barriers`, tokens.organiser, {
      barriers: ['MOBILITY'],
    }),
  );
  await close(monthC);

  // Coaching: an assessment below target (a gap once unaddressed), a 1-on-1 that addresses it, ended.
  await eventually(
    () => callApi(urls.coaching, 'GET', `/participants/${flagged}/gaps`, tokens.admin),
    (r) => r.status === 200,
    { what: 'the participant in coaching', timeoutMs: 120_000 },
  );
  await ok(
    'assessment',
    callApi(urls.coaching, 'POST', `/participants/${flagged}/assessments`, tokens.coach, {
      assessorKind: 'COACH',
      assessedOn: dayOf(monthA, 5),
      ratings: [{ competencyCode: 'STIPTHEID', level: 1 }],
    }),
  );
  await eventually(
    () => callApi(urls.coaching, 'GET', `/participants/${flagged}/gaps`, tokens.admin),
    (r) => r.status === 200 && r.body.some((g: any) => g.reasonCode === 'COMPETENCY_UNADDRESSED'),
    { what: 'the unaddressed competency as a gap', timeoutMs: 60_000 },
  );
  const oneOnOne = await ok(
    'one-on-one',
    callApi(urls.coaching, 'POST', '/one-on-ones', tokens.coach, {
      participantId: flagged,
      competencyCodes: ['STIPTHEID'],
    }),
  );
  await ok(
    'end one-on-one',
    callApi(urls.coaching, 'POST', `/one-on-ones/${oneOnOne.id}/end`, tokens.coach, { reasonCode: 'COMPLETED' }),
  );
  // participant.erased last: it takes the participant out of the other services.
  await ok('erasure', ft('POST', `/participants/${erased}/erasure`));
  return { flagged, ended, erased, dropped };
}
