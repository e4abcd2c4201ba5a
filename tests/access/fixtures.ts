import { dayOf, monthsAgo as testMonthsAgo } from '@stapsteen/testing';

/**
 * The set-up shared by the specs that walk every documented endpoint with real records
 * (access-matrix, impossible-input): months relative to the test's today, bodies built from the
 * OpenAPI examples with the example ids replaced by the fixtures' own, and ids read from answers.
 */

/** The test's month `back` months before its today (the services' clock), with a helper for its days. */
export function monthsAgo(back: number): { month: string; day: (d: number) => string } {
  const month = testMonthsAgo(back);
  return { month, day: (d) => dayOf(month, d) };
}

/**
 * Where a schema's examples describe alternatives that cannot all be sent at once, the fields a
 * walk leaves out (the body stays valid, so a 400 cannot hide the answer the walk looks for).
 */
export const BODY_OMIT: Record<string, string[]> = {
  FollowUpController_record: ['employed'],
  PrestationsController_record: ['startsAt'],
  PrestationsController_correct: ['startsAt'],
  ParticipantsController_create: ['nationalRegisterNumber'],
};

/** The first string under one of `keys`, looked for at the top of `body` and then at every depth. */
export function findId(body: unknown, keys: string[]): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const key of keys)
    if (typeof (body as Record<string, unknown>)[key] === 'string') return (body as Record<string, string>)[key];
  for (const value of Object.values(body)) {
    const found = findId(value, keys);
    if (found) return found;
  }
  return undefined;
}

/** The records an example body's ids are replaced with. */
export interface ExampleRecords {
  organisationId: string;
  regionId: string;
  coachId: string;
  /** The participant a body is about (participant, mentee, coachee). */
  participant: string;
  /** A second participant of the same organisation (peer, mentor, peer coach). */
  peer: string;
  /** The catalogue's competency codes, as JSON. */
  competencyCodes: string;
  /** Fields besides these, by name. */
  more?: Record<string, string | undefined>;
}

/** Example values in a request body that name a record are replaced by the fixtures' records. */
export function substituteExamples(value: unknown, records: ExampleRecords, key = ''): unknown {
  if (Array.isArray(value)) {
    if (key === 'competencyCodes') return JSON.parse(records.competencyCodes);
    return value.map((item) => substituteExamples(item, records, key));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteExamples(v, records, k)]));
  const byKey: Record<string, string | undefined> = {
    organisationId: records.organisationId,
    participantId: records.participant,
    participantIds: records.participant,
    regionId: records.regionId,
    coachId: records.coachId,
    peerId: records.peer,
    menteeId: records.participant,
    mentorId: records.peer,
    peerCoachId: records.peer,
    coacheeId: records.participant,
    competencyCode: JSON.parse(records.competencyCodes ?? '[]')[0],
    ...records.more,
  };
  if (byKey[key] !== undefined) return byKey[key];
  // Example participant ids elsewhere in a body (lists of attendees, entries) become the fixtures'.
  if (value === '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c') return records.participant;
  if (value === '9a7b3c2d-1e0f-4a5b-8c7d-6e5f4a3b2c1d') return records.peer;
  return value;
}

/** An hours import file of one line: `minutes` of garden work for a private person on `date`. */
export const importFile = (participantId: string, date: string, minutes: number) =>
  Buffer.from(
    `deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit\n${participantId};${date};${minutes};PRIVATE_PERSON;Fam. Peeters;Tuinonderhoud\n`,
  );

/** The catalogue's version and its first two competency codes, from its GET answer. */
export function catalogueOf(body: { version: unknown; competencies: { code: string }[] }): {
  version: string;
  codes: string[];
} {
  return { version: String(body.version), codes: body.competencies.slice(0, 2).map((c) => c.code) };
}

/** A coach's assessment that rates a participant at level 4 on each of the competencies. */
export const ratedAtLevel4 = (codes: string[], assessedOn: string) => ({
  assessorKind: 'COACH',
  assessedOn,
  ratings: codes.map((competencyCode) => ({ competencyCode, level: 4 })),
});
