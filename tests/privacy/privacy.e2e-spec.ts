import { ALL_TOPICS, ASSESSOR_KINDS, TOPICS, createEnvelope, deadLetterTopic } from '@stapsteen/contracts';
import {
  callJson,
  createTestKeyPair,
  dayOf,
  eventually,
  mintToken,
  monthsAgo,
  readTopicsToEnd,
  sendRaw,
  testToday,
  type TopicMessage,
} from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import {
  Finding,
  KnownPersonalData,
  PersonalDataScan,
  isNationalRegisterNumber,
  nationalRegisterNumbersIn,
} from './personal-data-scan';
import { ServiceName, ServiceProcess, startServiceProcess } from './service-processes';

/** A valid national register number for a birth date and a serial (the 2000s rule included). */
function nationalRegisterNumber(birthDate: string, serial: number): string {
  const body = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${String(serial).padStart(3, '0')}`;
  const check = 97 - Number(BigInt(birthDate >= '2000' ? `2${body}` : body) % 97n);
  return `${body}${String(check).padStart(2, '0')}`;
}

const formatted = (nrn: string) =>
  `${nrn.slice(0, 2)}.${nrn.slice(2, 4)}.${nrn.slice(4, 6)}-${nrn.slice(6, 9)}.${nrn.slice(9)}`;

interface Person {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationalRegisterNumber: string;
}

/** A step of the workload must succeed; if not, say which and why. */
function expectSuccess(response: { status: number; body: unknown }, what: string) {
  if (response.status < 200 || response.status > 299)
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/**
 * Issue 15, "Privacy": the four services run as production runs them, each in a Node process of its
 * own whose stdout and stderr are kept, at LOG_LEVEL trace, and do a representative piece of work
 * with real people's data: enrolments with national register numbers (one refused for its check
 * digits, one refused for a field that does not exist), birth dates and a referrer; a change of
 * name; a plan step and a referral to a partner in free text; a suspension and resumption; an exit
 * with its follow-up; prestations for a private gebruiker entered, corrected and deleted with
 * reasons, and imported from a CSV with a refused row; three month closes that flag low hours;
 * barriers with an explanation; an assessment and a 1-on-1 with notes; a group session with its
 * trainer; the low-hours alert snoozed and resolved with reasons; a user made in the gateway, a
 * wrong password, a sign-in and calls through the gateway's proxy; an erasure. Then every message
 * on every topic of `libs/contracts` and its dead-letter topic (the whole run's, not only this
 * test's) and every line the four processes wrote are searched: no national register number (the
 * ones used, and any number of that form with valid check digits), no e-mail address, birth date
 * or free text, no last or full name, and a participant's first name only as the display name
 * ("First L.") in the fields `PERSONAL_DATA_IN_EVENTS` (libs/contracts) allows.
 */
describe('privacy: no national register number anywhere, names only where a contract allows them', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const today = testToday();
  const region = `region-privacy-${suffix}`;
  const organisation = `org-privacy-${suffix}`;
  const processes: Partial<Record<ServiceName, ServiceProcess>> = {};
  const tokens: Record<string, string> = {};
  const people: Record<'a' | 'b' | 'c', Person> = {
    a: { firstName: 'Griet', lastName: 'Vanhoutteghem', dateOfBirth: '1979-08-21', nationalRegisterNumber: '' },
    b: { firstName: 'Mathijs', lastName: 'Oosterlinck', dateOfBirth: '2003-02-14', nationalRegisterNumber: '' },
    c: { firstName: 'Roxanne', lastName: 'Deprez', dateOfBirth: '1968-11-30', nationalRegisterNumber: '' },
  };
  people.a.nationalRegisterNumber = nationalRegisterNumber(people.a.dateOfBirth, 123);
  people.b.nationalRegisterNumber = nationalRegisterNumber(people.b.dateOfBirth, 456);
  people.c.nationalRegisterNumber = nationalRegisterNumber(people.c.dateOfBirth, 78);
  /** B's new name: a new display name, so flow-through publishes participant.updated. */
  const renamed = { firstName: 'Matthias', lastName: 'Oosterlinck-Baert' };
  /** A member of staff: their e-mail address and name are personal data too. */
  const staff = {
    firstName: 'Liesbeth',
    lastName: 'Verhaegen',
    email: `liesbeth.verhaegen.${suffix}@wijkwerken-privacytest.be`,
    password: 'Een-lang-genoeg-wachtwoord-2026',
  };
  const invalidNrn = `${people.a.nationalRegisterNumber.slice(0, 9)}${String((Number(people.a.nationalRegisterNumber.slice(9)) + 1) % 100).padStart(2, '0')}`;
  const texts = {
    referrer: 'Hanne Dockx (VDAB Geel), privacytest',
    gebruiker: 'Mevr. Rosalie Timmermans, Olen',
    activity: 'Tuinonderhoud bij mevrouw Timmermans',
    correction: 'Verkeerd uur genoteerd, verbeterd na telefoon met Rosalie',
    deletion: 'Dubbel ingegeven door de collega van Griet',
    planStep: 'Griet gaat naar de dokter voor haar rugklachten en vraagt een attest',
    referral: 'Schuldbemiddeling voor Griet via het OCMW',
    barriers: 'Mantelzorg voor haar zieke moeder, geen vervoer naar Olen',
    assessmentNote: 'Kwam twee keer te laat, vertelde over problemen thuis',
    sessionNote: 'Besproken hoe ze de bus neemt; spanningen met haar partner',
    snooze: 'Griet is opgenomen in het ziekenhuis tot eind van de maand',
    resolve: 'Griet werkt weer mee na gesprek met haar dochter',
    place: 'Dienstencentrum De Wending, bij Griet thuis in de Kerkstraat 12',
    trainer: 'Trainer Bavo Clinckemaillie',
    unknownField: 'Vertrouwelijke notitie over de schulden van Griet',
  };
  const months = { first: monthsAgo(4), second: monthsAgo(3), third: monthsAgo(2) };
  const ids: Record<string, string> = {};
  /** The key of two broken messages the test itself publishes (see the workload's end). */
  const poisonKey = randomUUID();
  let known: KnownPersonalData;
  let messages: TopicMessage[] = [];
  let logLines: Array<{ service: ServiceName; index: number; line: string }> = [];

  const url = (service: ServiceName) => processes[service]!.url;
  const call = async (service: ServiceName, method: string, path: string, token: string, body?: unknown) => {
    const { status, body: answer } = await callJson(url(service), method, path, token, body);
    return { status, body: answer };
  };

  beforeAll(async () => {
    const env = { LOG_LEVEL: 'trace', STAPSTEEN_TODAY: today };
    const [flowThrough, hours, coaching] = await Promise.all(
      (['flow-through', 'hours', 'coaching'] as const).map((service) =>
        startServiceProcess(service, keys.publicKeyPem, env),
      ),
    );
    Object.assign(processes, { 'flow-through': flowThrough, hours, coaching });
    processes.gateway = await startServiceProcess('gateway', keys.publicKeyPem, {
      ...env,
      AUTH_JWT_PRIVATE_KEY: keys.privateKeyPem,
      FLOW_THROUGH_URL: flowThrough!.url,
      HOURS_URL: hours!.url,
      COACHING_URL: coaching!.url,
    });
    tokens.admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    tokens.organiser = await mintToken(keys.privateKeyPem, {
      sub: 'organiser-privacy',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    tokens.coach = await mintToken(keys.privateKeyPem, {
      sub: 'coach-privacy',
      role: 'COACH',
      orgIds: [organisation],
      regionId: region,
    });
    tokens.manager = await mintToken(keys.privateKeyPem, {
      sub: 'manager-privacy',
      role: 'REGIONAL_MANAGER',
      orgIds: [],
      regionId: region,
    });

    await runWorkload();

    // Everything the workload set off has been published and consumed: the alert flow-through
    // raised from hours' close, coaching's record of it, the erasure in hours' roster.
    await eventually(
      () => call('hours', 'GET', `/participants`, tokens.admin),
      (r) => r.status === 200 && !JSON.stringify(r.body).includes(ids.c!),
      { what: 'the erased participant gone from hours', timeoutMs: 120_000 },
    );

    messages = await readTopicsToEnd(ALL_TOPICS, 120_000);
    await Promise.all(Object.values(processes).map((p) => p!.stop()));
    logLines = Object.values(processes).flatMap((p) =>
      p!.lines().map((line, index) => ({ service: p!.service, index, line })),
    );
    const everyone = [...Object.values(people), { ...people.b, ...renamed }];
    known = {
      nationalRegisterNumbers: [...Object.values(people).map((p) => p.nationalRegisterNumber), invalidNrn],
      firstNames: [...everyone.map((p) => p.firstName), staff.firstName],
      lastNames: [...everyone.map((p) => p.lastName), staff.lastName],
      birthDates: everyone.map((p) => p.dateOfBirth),
      freeTexts: Object.values(texts),
    };
  }, 600_000);

  afterAll(async () => {
    await Promise.all(Object.values(processes).map((p) => p?.stop()));
  });

  async function runWorkload(): Promise<void> {
    const { a, b, c } = people;
    expectSuccess(
      await call('flow-through', 'PUT', '/regions', tokens.admin, { id: region, name: 'Regio Privacytest' }),
      'the region',
    );
    expectSuccess(
      await call('flow-through', 'PUT', '/organisations', tokens.admin, {
        id: organisation,
        name: 'Wijk-werken Privacytest',
        kind: 'WIJK_WERK',
        regionId: region,
      }),
      'the organisation',
    );
    expectSuccess(
      await call('flow-through', 'PUT', '/organisations', tokens.admin, {
        id: `ocmw-privacy-${suffix}`,
        name: 'OCMW Privacytest',
        kind: 'OCMW',
        regionId: region,
      }),
      'the partner organisation',
    );
    const enrol = (person: Person, nrn: string, extra: Record<string, unknown> = {}) =>
      call('flow-through', 'POST', '/participants', tokens.organiser, {
        organisationId: organisation,
        firstName: person.firstName,
        lastName: person.lastName,
        dateOfBirth: person.dateOfBirth,
        nationalRegisterNumber: nrn,
        referralSource: 'VDAB',
        monthlyHoursTarget: 20,
        enrolledOn: dayOf(months.first, 1),
        ...extra,
      });
    // Refused enrolments: wrong check digits, and a field that does not exist holding a note.
    const refused = await enrol(a, invalidNrn);
    expect([400, 422]).toContain(refused.status);
    expect((await enrol(a, a.nationalRegisterNumber, { notes: texts.unknownField })).status).toBe(400);

    const enrolled = await Promise.all([
      enrol(a, formatted(a.nationalRegisterNumber), { referrerName: texts.referrer, coachId: 'coach-privacy' }),
      enrol(b, b.nationalRegisterNumber, { coachId: 'coach-privacy' }),
      enrol(c, c.nationalRegisterNumber.replace(/^(\d{6})/, '$1 ')),
    ]);
    enrolled.forEach((response) => expectSuccess(response, 'an enrolment'));
    [ids.a, ids.b, ids.c] = enrolled.map((response) => response.body.id as string);
    for (const id of [ids.a, ids.b, ids.c]) {
      expectSuccess(
        await call('flow-through', 'POST', `/participants/${id}/trajectory/start`, tokens.organiser, {
          on: dayOf(months.first, 2),
        }),
        'a start',
      );
    }
    expectSuccess(
      await call('flow-through', 'PATCH', `/participants/${ids.b}`, tokens.organiser, renamed),
      'a change of name',
    );
    expectSuccess(
      await call('flow-through', 'PUT', `/participants/${ids.a}/trajectory/plan`, tokens.organiser, {
        targetDestination: 'SOCIAL_ECONOMY',
        steps: [{ description: texts.planStep, dueOn: dayOf(months.third, 20) }],
      }),
      'the plan',
    );
    const referral = await call(
      'flow-through',
      'POST',
      `/participants/${ids.a}/trajectory/referrals`,
      tokens.organiser,
      {
        partnerOrganisationId: `ocmw-privacy-${suffix}`,
        purpose: texts.referral,
        sentOn: dayOf(months.second, 3),
      },
    );
    expectSuccess(referral, 'a referral to a partner');
    expectSuccess(
      await call('flow-through', 'POST', `/participants/${ids.b}/trajectory/suspend`, tokens.organiser, {
        on: dayOf(months.second, 10),
        reasonCode: 'ILLNESS',
      }),
      'a suspension',
    );
    expectSuccess(
      await call('flow-through', 'POST', `/participants/${ids.b}/trajectory/resume`, tokens.organiser, {
        on: dayOf(months.second, 20),
      }),
      'a resumption',
    );
    expectSuccess(
      await call('flow-through', 'POST', `/participants/${ids.c}/trajectory/end`, tokens.organiser, {
        on: dayOf(months.third, 15),
        destination: 'NEC_JOB',
      }),
      'an exit',
    );
    expectSuccess(
      await call('flow-through', 'POST', `/participants/${ids.c}/trajectory/follow-ups`, tokens.organiser, {
        checkpoint: 'IMMEDIATE',
        recordedOn: dayOf(months.third, 20),
        immediateStatus: 'EECR04',
      }),
      'a follow-up',
    );

    // Hours: prestations with a gebruiker who is a private person, a correction and a deletion.
    await eventually(
      () => call('hours', 'GET', `/organisations/${organisation}/months/${months.third}`, tokens.organiser),
      (r) => r.status === 200 && [ids.a, ids.b].every((id) => JSON.stringify(r.body).includes(id!)),
      { what: 'the participants in the hours month grid', timeoutMs: 120_000 },
    );
    const prestation = (day: number, minutes: number) => ({
      participantId: ids.b,
      date: dayOf(months.third, day),
      minutes,
      gebruiker: { kind: 'PRIVATE_PERSON', reference: texts.gebruiker },
      activity: texts.activity,
      kilometres: 14,
    });
    const recorded = await Promise.all(
      [3, 4, 5].map((day) => call('hours', 'POST', '/prestations', tokens.organiser, prestation(day, 240))),
    );
    recorded.forEach((response) => expectSuccess(response, 'a prestation'));
    const year = months.third.slice(0, 4);
    const prestationId = (response: { body: any }) => (response.body.prestation?.id ?? response.body.id) as string;
    expectSuccess(
      await call(
        'hours',
        'PUT',
        `/participants/${ids.b}/years/${year}/prestations/${prestationId(recorded[0]!)}`,
        tokens.organiser,
        { ...prestation(3, 180), participantId: undefined, reason: texts.correction },
      ),
      'a correction',
    );
    expectSuccess(
      await call(
        'hours',
        'DELETE',
        `/participants/${ids.b}/years/${year}/prestations/${prestationId(recorded[1]!)}`,
        tokens.organiser,
        { reason: texts.deletion },
      ),
      'a deletion',
    );

    // An import: two good rows and one refused (a date in the future), with a private gebruiker.
    const csv = [
      'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km',
      `${ids.b};${dayOf(months.third, 10)};120;particulier;${texts.gebruiker};${texts.activity};0`,
      `${ids.b};${dayOf(months.third, 11)};90;particulier;${texts.gebruiker};${texts.activity};0`,
      `${ids.b};${dayOf(monthsAgo(-2), 11)};90;particulier;${texts.gebruiker};${texts.activity};0`,
    ].join('\n');
    const form = new FormData();
    form.append('organisationId', organisation);
    form.append('file', new Blob([`${csv}\n`], { type: 'text/csv' }), 'privacy.csv');
    const job = await fetch(`${url('hours')}/imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.organiser}` },
      body: form,
    });
    expect(job.status).toBe(202);
    const jobId = ((await job.json()) as { id: string }).id;
    const imported = await eventually(
      () => call('hours', 'GET', `/imports/${jobId}`, tokens.organiser),
      (r) => r.status === 200 && r.body.status !== 'RUNNING',
      { what: 'the import to finish', timeoutMs: 120_000 },
    );
    expect(imported.body).toMatchObject({ accepted: 2, rejected: 1 });

    // Month closes: A works no hour, so two closed months below target flag her.
    for (const month of [months.first, months.second, months.third]) {
      expectSuccess(
        await call('hours', 'POST', `/organisations/${organisation}/months/${month}/close`, tokens.organiser),
        `the close of ${month}`,
      );
    }
    expectSuccess(
      await call('hours', 'PUT', `/participants/${ids.a}/months/${months.second}/barriers`, tokens.organiser, {
        barriers: ['CARE_DUTIES', 'MOBILITY', 'OTHER'],
        otherDescription: texts.barriers,
      }),
      'the barriers',
    );

    // Coaching: an assessment with a note, a 1-on-1 with a session note.
    await eventually(
      () => call('coaching', 'GET', `/participants/${ids.a}/assessments`, tokens.coach),
      (r) => r.status === 200,
      { what: 'participant A known to coaching', timeoutMs: 120_000 },
    );
    expectSuccess(
      await call('coaching', 'POST', `/participants/${ids.a}/assessments`, tokens.coach, {
        assessorKind: ASSESSOR_KINDS[0],
        assessedOn: dayOf(months.second, 12),
        ratings: [
          { competencyCode: 'STIPTHEID', level: 2, note: texts.assessmentNote },
          { competencyCode: 'SAMENWERKEN', level: 3 },
        ],
      }),
      'an assessment',
    );
    const oneOnOne = await call('coaching', 'POST', '/one-on-ones', tokens.coach, {
      participantId: ids.a,
      coachId: 'coach-privacy',
      competencyCodes: ['STIPTHEID'],
    });
    expectSuccess(oneOnOne, 'a 1-on-1');
    const session = await call('coaching', 'POST', `/one-on-ones/${oneOnOne.body.id}/sessions`, tokens.coach, {
      heldOn: today,
      attended: true,
      note: texts.sessionNote,
    });
    expectSuccess(session, 'a 1-on-1 session');

    // A group session with a trainer, A and B enrolled, attendance taken.
    const group = await call('coaching', 'POST', '/group-sessions', tokens.coach, {
      organisationId: organisation,
      title: 'Op tijd komen en verwittigen',
      competencyCodes: ['STIPTHEID'],
      date: today,
      startTime: '09:30',
      endTime: '12:00',
      place: texts.place,
      trainer: texts.trainer,
      capacity: 12,
    });
    expectSuccess(group, 'a group session');
    for (const id of [ids.a, ids.b])
      expectSuccess(
        await call('coaching', 'POST', `/group-sessions/${group.body.id}/enrolments`, tokens.coach, {
          participantId: id,
        }),
        'an enrolment in the group session',
      );
    expectSuccess(
      await call('coaching', 'PUT', `/group-sessions/${group.body.id}/attendance`, tokens.coach, {
        attendedParticipantIds: [ids.a],
      }),
      'the attendance',
    );

    // The alert the closes raised, handled by the region's manager with reasons.
    await eventually(
      () => call('flow-through', 'GET', `/alerts/${ids.a}/LOW_HOURS`, tokens.manager),
      (r) => r.status === 200 && r.body.status === 'OPEN',
      { what: 'the low-hours alert of participant A', timeoutMs: 120_000 },
    );
    expectSuccess(
      await call('flow-through', 'POST', `/alerts/${ids.a}/LOW_HOURS/snooze`, tokens.manager, {
        reason: texts.snooze,
        until: dayOf(monthsAgo(-1), 1),
      }),
      'a snooze',
    );
    expectSuccess(
      await call('flow-through', 'POST', `/alerts/${ids.a}/LOW_HOURS/resolve`, tokens.manager, {
        reason: texts.resolve,
      }),
      'a resolution',
    );

    // The gateway: a user made by the administrator, a wrong password, a sign-in, and the
    // organiser's screens through the proxy.
    expectSuccess(
      await call('gateway', 'POST', '/api/admin/users', tokens.admin, {
        email: staff.email,
        displayName: `${staff.firstName} ${staff.lastName}`,
        password: staff.password,
        role: 'ORGANISER',
        organisationIds: [organisation],
        regionId: region,
      }),
      'a new user',
    );
    const organiserLogin = staff;
    const wrong = await fetch(`${url('gateway')}/api/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: organiserLogin.email, password: 'not the password at all' }),
    });
    expect(wrong.status).toBe(401);
    const signedIn = await fetch(`${url('gateway')}/api/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: organiserLogin.email, password: organiserLogin.password }),
    });
    expect(signedIn.status).toBe(200);
    const viaGateway = ((await signedIn.json()) as { accessToken: string }).accessToken;
    for (const path of [
      `/api/flow-through/participants?organisationId=${organisation}`,
      `/api/flow-through/participants/${ids.a}`,
      `/api/hours/organisations/${organisation}/months/${months.third}`,
      `/api/coaching/participants/${ids.a}/assessments`,
    ]) {
      expectSuccess(await call('gateway', 'GET', path, viaGateway), `GET ${path} through the gateway`);
    }
    expectSuccess(
      await call('gateway', 'PATCH', `/api/flow-through/participants/${ids.a}`, viaGateway, {
        referrerName: texts.referrer,
      }),
      'a change through the gateway',
    );

    // A producer gone wrong: an event with fields no contract has, and a line that is not JSON,
    // both holding A's national register number and full name. The consumers dead-letter them;
    // neither the reason nor a log line may repeat what they hold.
    await sendRaw(TOPICS.participants, [
      {
        key: poisonKey,
        value: JSON.stringify(
          createEnvelope({
            type: 'participant.updated',
            version: 1,
            producer: 'flow-through',
            participantId: poisonKey,
            correlationId: randomUUID(),
            data: {
              participantId: poisonKey,
              organisationId: organisation,
              regionId: region,
              displayName: 'Griet V.',
              coachId: null,
              monthlyHoursTarget: null,
              exPwa: false,
              nationalRegisterNumber: formatted(a.nationalRegisterNumber),
              lastName: a.lastName,
            },
          }),
        ),
      },
      { key: poisonKey, value: `${a.nationalRegisterNumber};${a.firstName};${a.lastName};${a.dateOfBirth}` },
    ]);
    await eventually(
      () => readTopicsToEnd([deadLetterTopic(TOPICS.participants)], 120_000),
      (read) => read.filter((m) => m.key === poisonKey).length >= 4,
      { what: 'both broken messages dead-lettered by hours and coaching', timeoutMs: 120_000, intervalMs: 2000 },
    );

    // The right to erasure: C's data goes everywhere.
    expectSuccess(await call('flow-through', 'POST', `/participants/${ids.c}/erasure`, tokens.organiser), 'an erasure');
  }

  const describeFindings = (findings: Finding[]) =>
    findings
      .slice(0, 30)
      .map((f) => `${f.kind} "${f.value}" in ${f.where}${f.field ? ` (${f.field})` : ''}`)
      .join('\n');

  it('puts no national register number, contact detail, birth date, note or full name on any topic, and a first name only in an allowed display name', () => {
    const scan = new PersonalDataScan(known, new Set(Object.values(ids)));
    const ours = messages.filter((m) => Object.values(ids).some((id) => m.key === id || m.value.includes(id)));
    // The workload reached Kafka: the enrolments, the month closes and the alert are there.
    expect(ours.length).toBeGreaterThan(20);
    expect(ours.some((m) => m.value.includes('"participant.enrolled"'))).toBe(true);
    expect(ours.some((m) => m.value.includes('"alert.raised"'))).toBe(true);
    expect(ours.some((m) => m.value.includes('"participant.erased"'))).toBe(true);
    expect(ours.some((m) => m.value.includes('"participant.updated"'))).toBe(true);
    // The broken messages the test published hold personal data on purpose: of them and of their
    // dead-letter copies only the key and headers (the reason) are checked.
    const poison = messages.filter((m) => m.key === poisonKey);
    expect(
      poison.filter((m) => m.topic.endsWith('.dlt') && m.headers['x-dead-letter-reason']).length,
    ).toBeGreaterThanOrEqual(4);
    const findings = messages.flatMap((m) =>
      scan.message(m.key === poisonKey ? { ...m, value: '{}' } : m, `${m.topic}[${m.partition}]@${m.offset}`),
    );
    const topics = new Set(messages.map((m) => m.topic));
    console.info(
      `privacy: ${messages.length} messages on ${topics.size} of ${ALL_TOPICS.length} topics checked (${ours.length} from this test's workload); ${findings.length} findings`,
    );
    expect(describeFindings(findings)).toBe('');
  });

  it('logs no national register number, name, contact detail, birth date or note in any service', () => {
    const scan = new PersonalDataScan(known);
    // What each service logged of the workload was captured: its requests, not only its start.
    for (const service of ['gateway', 'flow-through', 'hours', 'coaching'] as const)
      expect(
        logLines.filter((l) => l.service === service && l.line.includes('request completed')).length,
      ).toBeGreaterThan(0);
    const findings = logLines.flatMap(({ service, index, line }) =>
      scan.logLine(line, `${service} log line ${index + 1}`),
    );
    console.info(`privacy: ${logLines.length} log lines of 4 services checked; ${findings.length} findings`);
    expect(describeFindings(findings)).toBe('');
  });
});

describe('the privacy scan itself', () => {
  const known: KnownPersonalData = {
    nationalRegisterNumbers: ['79082112345'],
    firstNames: ['Griet', 'An'],
    lastNames: ['Vanhoutteghem', 'Maes'],
    birthDates: ['1979-08-21'],
    freeTexts: ['spanningen met haar partner'],
  };
  const scan = new PersonalDataScan(known, new Set(['p-1']));
  const envelope = (type: string, data: Record<string, unknown>) => ({
    key: 'p-1',
    headers: {},
    value: JSON.stringify({ eventId: 'e', type, version: 1, participantId: 'p-1', data }),
  });

  it('knows a national register number by its check digits, in every usual notation', () => {
    expect(isNationalRegisterNumber('85073003328')).toBe(true);
    expect(isNationalRegisterNumber('85073003329')).toBe(false);
    expect(isNationalRegisterNumber('03021445655')).toBe(false);
    expect(nationalRegisterNumbersIn('nrn 85.07.30-033.28 and 85073003328 and 85 07 30 033 28')).toHaveLength(3);
    // Not inside longer numbers, uuids or hashes.
    expect(nationalRegisterNumbersIn('1785073003328 a85073003328 85073003328f')).toEqual([]);
  });

  it('finds a national register number and a name in a log line, and passes a line without them', () => {
    expect(scan.logLine('{"msg":"enrolled 85.07.30-033.28"}', 'l').map((f) => f.kind)).toEqual([
      'national register number (pattern)',
    ]);
    expect(scan.logLine('{"msg":"enrolled Griet"}', 'l').map((f) => f.kind)).toEqual(['first name']);
    expect(scan.logLine('{"msg":"sign-in failed for an.maes@example.be"}', 'l').map((f) => f.kind)).toEqual(['e-mail']);
    expect(scan.logLine('{"msg":"for An Maes"}', 'l').map((f) => f.kind)).toEqual(['last name', 'name']);
    expect(scan.logLine('{"msg":"An error occurred","participantId":"5b0c3f7e-2d1a"}', 'l')).toEqual([]);
  });

  it('allows a display name only in the fields the contracts list, and only as "First L."', () => {
    expect(scan.message(envelope('participant.enrolled', { displayName: 'Griet V.' }), 'm')).toEqual([]);
    expect(scan.message(envelope('participant.enrolled', { displayName: 'Griet Vanhoutteghem' }), 'm')).not.toEqual([]);
    expect(scan.message(envelope('alert.raised', { facts: { who: 'Griet V.' } }), 'm').map((f) => f.kind)).toEqual([
      'display name',
      'first name',
    ]);
    expect(scan.message(envelope('competency.assessed', { note: 'spanningen met haar partner' }), 'm')).toHaveLength(1);
    expect(scan.message(envelope('trajectory.started', { nrn: 79082112345 }), 'm').map((f) => f.kind)).toContain(
      'national register number (used)',
    );
    expect(
      scan.message({ key: 'p', headers: { 'x-dead-letter-reason': 'Griet' }, value: 'not json' }, 'm'),
    ).toHaveLength(1);
  });
});
