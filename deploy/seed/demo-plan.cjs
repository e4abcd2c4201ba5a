'use strict';
/**
 * The demo data set as a plan, made from a seeded PRNG so every machine gets the same people,
 * trajectories and prestations (dates are relative to the month the seed runs in). The seeders in
 * seeders/ send this plan to the public APIs. Scale with SEED_PARTICIPANTS and SEED_MONTHS (or the
 * `scale` option of runSeeders) for quick tests.
 */
const REGION = 'region-kempen';
const ORGANISATIONS = ['org-neteland', 'org-herentals', 'org-geel'];
const FIRST = [
  'Sofie',
  'Jan',
  'Els',
  'Koen',
  'An',
  'Bart',
  'Lotte',
  'Pieter',
  'Nathalie',
  'Wim',
  'Hilde',
  'Tom',
  'Ingrid',
  'Dirk',
  'Katrien',
  'Luc',
  'Greet',
  'Marc',
  'Veerle',
  'Filip',
  'Sarah',
  'Jef',
  'Leen',
  'Kris',
  'Ann',
  'Geert',
  'Mieke',
  'Stijn',
  'Nadia',
  'Youssef',
  'Fatima',
  'Mohamed',
  'Ayse',
  'Jonas',
  'Eline',
  'Rudi',
  'Linda',
  'Patrick',
  'Martine',
  'Erik',
  'Karolien',
  'Ahmed',
  'Olga',
  'Dries',
  'Joke',
  'Guy',
  'Rita',
  'Bram',
];
const LAST = [
  'Peeters',
  'Janssens',
  'Maes',
  'Jacobs',
  'Mertens',
  'Willems',
  'Claes',
  'Goossens',
  'Wouters',
  'De Smet',
  'Dubois',
  'Vermeulen',
  'Van den Broeck',
  'Verbeeck',
  'Aerts',
  'Van Dyck',
  'Hermans',
  'Vos',
  'Van Gool',
  'Geudens',
  'Bogaerts',
  'Verheyen',
  'Nuyts',
  'Van Looy',
  'Daems',
  'Smets',
  'Boeckx',
  'Huybrechts',
  'Luyten',
  'Sels',
  'El Amrani',
  'Yilmaz',
  'Kowalski',
  'Van Hoof',
  'Verlinden',
  'Michiels',
];
const COACHES = {
  'org-neteland': ['coach-neteland-1', 'coach-neteland-2'],
  'org-herentals': ['coach-herentals-1', 'coach-herentals-2'],
  'org-geel': ['coach-geel-1'],
};
/** User kinds of the hours service with believable gebruikers and activities. */
const JOBS = [
  { kind: 'particulier', gebruiker: 'Mevr. Wuyts, Olen', activity: 'Gras maaien' },
  { kind: 'particulier', gebruiker: 'Dhr. Van Roy, Kasterlee', activity: 'Tuinonderhoud' },
  { kind: 'particulier', gebruiker: 'Mevr. Segers, Grobbendonk', activity: 'Klusjes in en rond het huis' },
  { kind: 'school', gebruiker: 'Basisschool De Klimtoren', activity: 'Middagtoezicht' },
  { kind: 'school', gebruiker: 'GO! Basisschool Herentals', activity: 'Toezicht speelplaats' },
  { kind: 'gemeente', gebruiker: 'Gemeente Olen', activity: 'Zwerfvuil rapen' },
  { kind: 'gemeente', gebruiker: 'Stad Herentals', activity: 'Onderhoud groenzones' },
  { kind: 'gemeente', gebruiker: 'Stad Geel', activity: 'Hulp bij evenementen' },
  { kind: 'vzw', gebruiker: 'vzw De Kringwinkel Kempen', activity: 'Sorteren in de kringwinkel' },
  { kind: 'vzw', gebruiker: 'vzw Sportclub Neteland', activity: 'Kantine en materiaal' },
  { kind: 'landbouw', gebruiker: 'Hoeve Het Zonneveld', activity: 'Fruitpluk en sorteren' },
];
const POSITIVE = ['NEC_JOB', 'TEMPORARY_WORK_EXPERIENCE', 'ART_60', 'SOCIAL_ECONOMY', 'TRAINING', 'IBO', 'JOBCOACH'];
const OTHER = ['WORK_CARE_TRAJECTORY', 'SPECIALISED_CARE', 'DROP_OUT', 'MOVED', 'HEALTH'];
const DROP_REASONS = ['NOT_REACHED', 'NOT_INTERESTED', 'HEALTH', 'FOUND_WORK', 'MOBILITY'];

/** mulberry32: small, fast and the same everywhere. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const iso = (d) => d.toISOString().slice(0, 10);
const utc = (y, m, d) => new Date(Date.UTC(y, m, d));
const addDays = (date, n) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));
const monthOf = (date) => date.slice(0, 7);
const daysInMonth = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
/** Monday to Friday in a month (`m` counted from 0). */
const weekdaysIn = (y, m) =>
  Array.from({ length: daysInMonth(y, m) }, (_, d) => new Date(Date.UTC(y, m, d + 1)).getUTCDay()).filter(
    (wd) => wd !== 0 && wd !== 6,
  ).length;
const previousMonthOf = (month) => iso(utc(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1)).slice(0, 7);
/** Whole months from `from` to `to` (YYYY-MM), 0 when equal. */
const monthsBetween = (from, to) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

function scaleFrom(scale = {}) {
  return {
    participants: Number(scale.participants || process.env.SEED_PARTICIPANTS || 150),
    months: Number(scale.months || process.env.SEED_MONTHS || 13),
    today: scale.today || require('./today.cjs').todayFrom(),
  };
}

/**
 * Hours profiles, so that a closed month flags about one participant in seven, as a signal should:
 *  - NORMAL (most): 12–24 h a month, ±3, with now and then a slow month (holiday, illness); their
 *    agreed target is 2–4 h below what they usually do, so a single slow month is no flag;
 *  - LOW (1 in 9): an agreed target of 16–20 h and 6–12 h done, month after month (flagged from
 *    their second closed month);
 *  - FALLING (1 in 17): their usual hours until two closed months before the latest, then 2 h less
 *    every month, so the latest closed months show a falling trend that ends below target (those
 *    who started too late for that do their usual hours);
 *  - HIGH (very few): near the 60 h cap.
 * Drawn from the person's number, not from the shared random stream, so the people stay the same.
 */
function profileOf(i) {
  if (i % 9 === 1) return 'LOW';
  if (i % 41 === 5) return 'HIGH';
  if (i % 17 === 9) return 'FALLING';
  return 'NORMAL';
}

/** The monthly target agreed with the participant (their own target in flow-through). */
function agreedTarget(person, i) {
  if (person.profile === 'LOW') return [16, 18, 20][i % 3];
  if (person.profile === 'HIGH') return 20;
  if (person.profile === 'FALLING') return person.monthly - 3;
  return Math.max(8, person.monthly - prng(keySeed(person.key) ^ 0x5eed).int(2, 4));
}

const keySeed = (key) => [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

/**
 * The people and their trajectories. `months` is how far back the earliest start lies. Kinds:
 * ACTIVE (most), ENDED (about a third of those started early, ~2/3 to a positive destination),
 * SUSPENDED (a few), DROPPED (a few referrals that never started).
 */
function participantsPlan(scale) {
  const { participants, months, today } = scaleFrom(scale);
  const rnd = prng(20260101);
  const [ty, tm] = today.split('-').map(Number);
  const yesterday = addDays(today, -1);
  const people = [];
  for (let i = 0; i < participants; i += 1) {
    const organisationId = ORGANISATIONS[i % ORGANISATIONS.length];
    const firstName = FIRST[(i * 7 + rnd.int(0, 3)) % FIRST.length];
    const lastName = LAST[(i * 5 + rnd.int(0, 5)) % LAST.length];
    const birthYear = rnd.int(1963, 2001);
    const dateOfBirth = iso(utc(birthYear, rnd.int(0, 11), rnd.int(1, 28)));
    const back = rnd.int(0, Math.max(0, months - 1));
    const startMonth = new Date(Date.UTC(ty, tm - 1 - back, 1));
    let startedOn = iso(utc(startMonth.getUTCFullYear(), startMonth.getUTCMonth(), rnd.int(1, 20)));
    // Drawn every time, so the people (names, birth dates) are the same on every day.
    const recent = addDays(today, -1 - rnd.int(0, 3));
    if (startedOn > yesterday) startedOn = recent;
    const enrolledOn = addDays(startedOn, -rnd.int(10, 30));
    const intakeOn = addDays(enrolledOn, rnd.int(3, 8));
    const roll = rnd.next();
    let kind = 'ACTIVE';
    if (i % 25 === 7) kind = 'DROPPED';
    else if (back >= 5 && roll < 0.45) kind = 'ENDED';
    else if (i % 17 === 3 && back >= 2) kind = 'SUSPENDED';
    const person = {
      key: `demo-${String(i + 1).padStart(3, '0')}`,
      organisationId,
      regionId: REGION,
      firstName,
      lastName,
      dateOfBirth,
      referralSource: rnd.chance(0.62) ? 'VDAB' : rnd.chance(0.85) ? 'OCMW' : 'OTHER',
      exPwa: rnd.chance(0.12),
      coachId: rnd.pick(COACHES[organisationId]),
      enrolledOn,
      intakeOn,
      kind,
      startedOn: kind === 'DROPPED' ? null : startedOn,
      endedOn: null,
      destination: null,
      suspendedOn: null,
      // Hours profile (the programme's figures: 11–25 h a month on average), see hoursProfile.
      profile: profileOf(i),
      monthlyHoursTarget: null,
      monthly: rnd.int(12, 24),
    };
    person.monthlyHoursTarget = agreedTarget(person, i);
    if (kind === 'DROPPED') {
      person.droppedOn = intakeOn < yesterday ? intakeOn : yesterday;
      person.dropReason = rnd.pick(DROP_REASONS);
    }
    if (kind === 'ENDED') {
      const lastPossible = addDays(today, -20);
      const end = addDays(startedOn, rnd.int(120, 330));
      person.endedOn = end < lastPossible ? end : lastPossible;
      person.destination = rnd.chance(0.6) ? rnd.pick(POSITIVE) : rnd.pick(OTHER);
    }
    if (kind === 'SUSPENDED') person.suspendedOn = addDays(today, -rnd.int(5, 25));
    people.push(person);
  }
  return people;
}

/** Prestations of one person: weekdays of their active days, 2–5 hours each, per month. */
function prestationsPlan(person, scale) {
  const { today } = scaleFrom(scale);
  if (!person.startedOn) return [];
  const rnd = prng(keySeed(person.key));
  const closed = pastMonths(scale);
  // FALLING: the first month of the fall, two closed months before the latest closed one.
  const fallFrom = closed[Math.max(0, closed.length - 3)];
  const lastDay = [person.endedOn, person.suspendedOn ? addDays(person.suspendedOn, -1) : null, addDays(today, -1)]
    .filter(Boolean)
    .sort()[0];
  const rows = [];
  let cursor = person.startedOn;
  while (cursor <= lastDay) {
    const [y, m] = cursor.split('-').map(Number);
    const monthStart = cursor;
    const monthEnd = iso(utc(y, m - 1, daysInMonth(y, m - 1)));
    const end = monthEnd < lastDay ? monthEnd : lastDay;
    const days = [];
    for (let d = monthStart; d <= end; d = addDays(d, 1)) {
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) days.push(d);
    }
    // A partial first or last month gets its share of the weekdays; a whole month all of it.
    const share = days.length / weekdaysIn(y, m - 1);
    const month = monthOf(cursor);
    let hours;
    if (person.profile === 'LOW') hours = rnd.int(6, 12);
    else if (person.profile === 'HIGH') hours = rnd.int(48, 57);
    else if (person.profile === 'FALLING' && person.startedOn < `${previousMonthOf(fallFrom)}-01`) {
      hours = month < fallFrom ? person.monthly : person.monthly - 2 * (monthsBetween(fallFrom, month) + 1);
    } else hours = person.monthly + rnd.int(-3, 3);
    // Now and then a slow month (a holiday, an illness): half the usual hours.
    if (person.profile === 'NORMAL' && rnd.chance(0.05)) hours = Math.round(hours / 2);
    let left = Math.round(Math.max(0, hours) * Math.min(1, share));
    const job = JOBS[rnd.int(0, JOBS.length - 1)];
    while (left > 0 && days.length > 0) {
      const h = Math.min(left, rnd.int(2, 5));
      const date = days.splice(rnd.int(0, days.length - 1), 1)[0];
      const other = rnd.chance(0.25) ? rnd.pick(JOBS) : job;
      rows.push({ date, minutes: h * 60, ...other, km: rnd.chance(0.3) ? rnd.int(4, 24) : 0 });
      left -= h;
    }
    cursor = addDays(monthEnd, 1);
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Days after a month's end before the hours service closes it by itself (HOURS_AUTO_CLOSE_AFTER_DAYS). */
const AUTO_CLOSE_AFTER_DAYS = 10;

/**
 * The past months that are closed on `today`, oldest first: from the earliest start up to the month
 * before `today`, but in the first ten days of a month the month before is still open (organisers
 * are still entering its hours; the hours service closes it by itself on the eleventh).
 */
function pastMonths(scale) {
  const { months, today } = scaleFrom(scale);
  const [ty, tm, td] = today.split('-').map(Number);
  const list = [];
  const newest = td > AUTO_CLOSE_AFTER_DAYS ? 1 : 2;
  for (let back = months; back >= newest; back -= 1) list.push(iso(utc(ty, tm - 1 - back, 1)).slice(0, 7));
  return list;
}

const DEMO_USERS = [
  {
    role: 'ORGANISER',
    email: 'organisator@neteland.demo.stapsteen.be',
    displayName: 'Lies Organisator (Neteland)',
    password: 'Demo-Organisator-2026',
    organisationIds: ['org-neteland'],
    regionId: REGION,
  },
  {
    role: 'COACH',
    email: 'coach@neteland.demo.stapsteen.be',
    displayName: 'Koen Coach (Neteland)',
    password: 'Demo-Coach-Neteland-2026',
    organisationIds: ['org-neteland'],
    regionId: REGION,
    /** The planned coach this login is: their participants are the demo coach's caseload. */
    plannedCoachId: 'coach-neteland-1',
  },
  {
    role: 'REGIONAL_MANAGER',
    email: 'manager@kempen.demo.stapsteen.be',
    displayName: 'Greet Manager (Kempen)',
    password: 'Demo-Manager-Kempen-2026',
    organisationIds: [],
    regionId: REGION,
  },
  {
    role: 'ADMIN',
    email: 'admin@demo.stapsteen.be',
    displayName: 'Beheerder Stapsteen',
    password: 'Demo-Beheerder-2026',
    organisationIds: [],
    regionId: null,
  },
];

/**
 * The other planned coaches as colleagues without a demo login (created with an invitation that is
 * never shown), so every participant's coach has a name in the inbox and the caseloads.
 */
const DEMO_COLLEAGUES = [
  ['coach-neteland-2', 'Sofie Claes (Neteland)', 'org-neteland'],
  ['coach-herentals-1', 'Pieter Wouters (Herentals)', 'org-herentals'],
  ['coach-herentals-2', 'An Maes (Herentals)', 'org-herentals'],
  ['coach-geel-1', 'Bram Jacobs (Geel)', 'org-geel'],
].map(([plannedCoachId, displayName, organisationId]) => ({
  role: 'COACH',
  email: `${plannedCoachId}@demo.stapsteen.be`,
  displayName,
  organisationIds: [organisationId],
  regionId: REGION,
  plannedCoachId,
}));

module.exports = {
  REGION,
  ORGANISATIONS,
  DEMO_USERS,
  DEMO_COLLEAGUES,
  participantsPlan,
  prestationsPlan,
  pastMonths,
  addDays,
  prng,
  monthOf,
  scaleFrom,
};
