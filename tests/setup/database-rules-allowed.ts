import type { AllowedQuery } from '@stapsteen/testing';

/**
 * The reviewed exceptions to "read and write by one `_id`" (docs/architecture.md, the database
 * rules). Each names collections, the filter shapes the services send (`filterShape` in
 * libs/testing: field names and operators, no values) and why they may stay. Three kinds:
 * background work that is not on a request's path, collections that stay small by nature, and
 * per-request reads on growing collections that are known debt (docs/architecture.md, rule 8):
 * listed so that the list can only shrink on purpose, and no new one slips in unseen.
 */
export const ALLOWED_QUERIES: readonly AllowedQuery[] = [
  // --- Background work, not on a request's path -------------------------------------------------
  {
    collection:
      /^(participants|participant_alerts|assessments|barriers|coaching_gaps|group_sessions|month_closes|one_on_ones|peer_coaches)$/,
    shapes: ['{outbox.0:$exists}'],
    reason:
      "The outbox relay's safety-net poll (libs/messaging outbox-relay.ts) every OUTBOX_POLL_MS; a write nudges the relay by _id, the poll only finds what a crash left behind. On MongoDB a partial index serves it.",
  },
  {
    collection: 'month_close_events',
    shapes: ['{}', '{closeId}', '{closeId:$in}'],
    reason:
      "The month-close events relay drains the draft chunks of closes (ADR 25); published chunks are deleted, so the collection is empty at rest and holds one close's chunks while it runs.",
  },
  {
    collection: 'month_closes',
    shapes: ['{}'],
    reason:
      'Start-up reconciliation of the per-organisation close ledgers: one scan of the ids at boot (mongo-month-closes.ts).',
  },
  {
    collection: 'due_checks',
    shapes: ['{day}'],
    reason:
      "The due-alert timer (ALERT_DUE_CHECK_MS) reads and clears the check days that came; not on a request's path.",
  },
  {
    collection: /^(alert_inbox|alert_inbox_entries|alert_inbox_pending|participant_alerts)$/,
    shapes: ['{}', '{_id:$ne}'],
    reason:
      "The alert inbox's one-time build on a database without entries (claimed by one replica; the claim and the old layout's markers removed after it) and its repair timer for writes that died half-way (ADR 22); not on a request's path.",
  },
  {
    collection: /^(password_links|sessions|sign_in_attempts)$/,
    shapes: ['{expiresAt:$lt}', '{windowStart:$lt}'],
    reason: "The gateway's sweep of expired links, sessions and throttle windows, on a timer.",
  },
  // --- An _id with a condition: the _id finds the document ---------------------------------------
  {
    collection: /^(sign_in_attempts|sessions)$/,
    shapes: ['{_id,windowStart:$lte}', '{_id,count:$gt}', '{_id,version}', '{_id:$in}'],
    reason:
      "The sign-in throttle's window and the session's rotation: the document is found by _id, the condition only decides whether to change it. `$in` of a user's few session ids when an admin ends them all (rare, admin only).",
  },
  // --- Collections small by nature -----------------------------------------------------------------
  {
    collection: /^(regions|organisations)$/,
    shapes: ['{}', '{regionId}', '{kind}', '{kind,regionId}'],
    reason:
      'The region and organisation directories: 5 regions and about 40 organisations in all of Flanders (about 300 municipalities at the very most).',
  },
  {
    collection: /^(users|user_emails)$/,
    shapes: ['{}'],
    reason: "The admin's user list: the staff of the organisations (hundreds), admin only.",
  },
  {
    collection: 'competency_catalogues',
    shapes: ['{organisationId}'],
    reason: "An organisation's catalogue versions, newest first: a handful per organisation, 40 organisations.",
  },
  // --- Known debt: per-request reads of growing collections (docs/architecture.md, rule 8) --------
  {
    collection: 'participant_roster',
    shapes: [
      '{displayName:$exists,erased:$ne}',
      '{displayName:$exists,erased:$ne,organisationId}',
      '{displayName:$exists,erased:$ne,regionId}',
      '{organisationId,regionId:$exists}',
    ],
    reason:
      "Known debt: the rosters of hours and coaching list an organisation's (or region's) participants by a filter on a collection of every participant (15,000 in Flanders): the month grid, the import and the coach's lists. One roster document per organisation listing its ids would make it an _id read.",
  },
  {
    collection: 'participants',
    shapes: [
      '{}',
      '{organisationId}',
      '{regionId}',
      '{coachId}',
      '{organisationId,regionId}',
      '{coachId,organisationId}',
      '{coachId,regionId}',
      '{coachId,organisationId,regionId}',
    ],
    reason:
      "Known debt: flow-through's paged participant list (a count and a page) filters every participant by scope and coach.",
  },
  {
    collection: /^(assessments|one_on_ones|group_sessions|peer_coaches|coaching_gaps)$/,
    shapes: [
      '{}',
      '{participantId}',
      '{enrolments.participantId}',
      '{pairs.coacheeId}',
      '{pairs.id}',
      '{organisationId}',
      '{regionId}',
      '{organisationId,regionId}',
      '{coachId}',
      '{coachId,organisationId}',
      '{coachId,regionId}',
      '{coachId,participantId}',
      '{coachId,organisationId,participantId}',
      '{coachId,participantId,regionId}',
    ],
    reason:
      "Known debt: coaching reads a participant's assessments and assignments, and an organisation's or coach's lists, by a filter (an administrator's lists by none); a per-participant and per-organisation index document would make them _id reads.",
  },
  {
    collection: 'barriers',
    shapes: ['{month:$gte+$lte,organisationId}', '{month:$gte+$lte,regionId}', '{month:$gte+$lte}'],
    reason: 'Known debt: the barriers of a period, read by organisation or region and month range (monthly reports).',
  },
  {
    collection: 'participant_alerts',
    shapes: ['{organisationId}', '{regionId}', '{organisationId,regionId}'],
    reason:
      "Known debt: the alert list with resolved alerts (the history filter) reads a scope's participant alert documents by a filter (alert-queries.ts); the usual inbox of open alerts goes through alert_inbox_entries.",
  },
  {
    collection: 'alert_inbox_entries',
    shapes: ['{organisationId}', '{regionId}', '{organisationId:$in}'],
    reason:
      "Known debt: the inbox lists a scope's open alert entries by organisation or region (ADR 22); at 15,000 participants the manager's poll reads every entry of the region.",
  },
  {
    collection: 'participant_years',
    shapes: ['{organisationId,year}'],
    reason:
      "A month close reads its organisation's participant-years of the year in one query, then by _id only those it lacks (month-close/infrastructure/mongo-close-years.ts, issue 14, ADR 25): measured faster than one _id read per participant on FerretDB on PostgreSQL (the equality goes down to PostgreSQL) and indexed on MongoDB; on FerretDB with SQLite it scans. One close per organisation and month.",
  },
  // --- The guard's own test ----------------------------------------------------------------------
  {
    collection: 'database_rules_probe',
    shapes: ['{colour}'],
    reason: "libs/testing's database-rules.int-spec.ts makes this query on purpose, and checks its own watcher saw it.",
  },
];
