import { DISPLAY_NAME_FORM, mayCarryPersonalData } from '@stapsteen/contracts';

/** The personal data a workload used, to be looked for wherever it must not be. */
export interface KnownPersonalData {
  /** National register numbers as entered (digits, with or without separators). */
  nationalRegisterNumbers: string[];
  firstNames: string[];
  lastNames: string[];
  birthDates: string[];
  /** Notes, reasons, descriptions, referrers' and gebruikers' names: text that stays where it was typed. */
  freeTexts: string[];
}

export interface Finding {
  /** What was found: `national register number`, `e-mail`, `last name`… */
  kind: string;
  /** The matching text. */
  value: string;
  /** Where: a topic, partition and offset, or a service's log line number. */
  where: string;
  /** For an event, the field that held it. */
  field?: string;
}

/**
 * Eleven digits, optionally written YY.MM.DD-SSS.CC, that are not part of a longer run of digits
 * or letters (uuids, hashes and epoch times are not national register numbers).
 */
const NRN_CANDIDATE = /(?<![0-9A-Za-z])(\d{2})[. ]?(\d{2})[. ]?(\d{2})[- ]?(\d{3})[. ]?(\d{2})(?![0-9A-Za-z])/g;

/**
 * A Belgian national register number or bis number: a birth date YYMMDD (month + 20 or + 40 for a
 * bis number, 00 when unknown), a serial, and check digits 97 - (first nine digits mod 97), with a
 * 2 before the nine digits for people born from 2000 on.
 */
export function isNationalRegisterNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  if (month > 12 || day > 31 || Number(digits.slice(2, 4)) > 52) return false;
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  return check === 97 - Number(BigInt(body) % 97n) || check === 97 - Number(BigInt(`2${body}`) % 97n);
}

/** Every national register number in a text, written with or without the usual separators. */
export function nationalRegisterNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(NRN_CANDIDATE)) {
    const digits = match.slice(1, 6).join('');
    if (isNationalRegisterNumber(digits)) found.push(match[0]);
  }
  return found;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name as a whole word, case-sensitive: "Maes" but not "Maestro". */
function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'u');
}

/**
 * First names that are also ordinary words at the start of an English log sentence ("An error
 * occurred"); in free log text they are looked for only as part of a full or display name.
 */
const COMMON_WORDS = new Set(['An', 'Ann', 'Guy', 'Tom', 'Jan']);

export class PersonalDataScan {
  private readonly nrnDigits: string[];
  private readonly lastNames: RegExp[];
  private readonly firstNames: Array<{ name: string; pattern: RegExp }>;
  private readonly fullNames: string[];
  private readonly displayNames: string[];

  /**
   * @param ownParticipants the participants of the workload: their display names must have the
   * allowed form. Other tests' events carry made-up display names ("Deelnemer", an empty one sent
   * to test the dead letters) that are nobody's name.
   */
  constructor(
    private readonly known: KnownPersonalData,
    private readonly ownParticipants: ReadonlySet<string> = new Set(),
  ) {
    this.nrnDigits = known.nationalRegisterNumbers.map((nrn) => nrn.replace(/\D/g, ''));
    this.lastNames = [...new Set(known.lastNames)].map(wordPattern);
    this.firstNames = [...new Set(known.firstNames)].map((name) => ({ name, pattern: wordPattern(name) }));
    this.fullNames = known.firstNames.flatMap((first, i) => {
      const last = known.lastNames[i] ?? '';
      return [`${first} ${last}`, `${last} ${first}`];
    });
    this.displayNames = known.firstNames.map((first, i) => `${first} ${(known.lastNames[i] ?? '').charAt(0)}.`);
  }

  /**
   * What no text may hold: national register numbers, e-mail addresses, birth dates, free text,
   * last and full names, and display names outside the fields that allow them.
   */
  private forbiddenEverywhere(text: string, where: string, field?: string, displayNameAllowed = false): Finding[] {
    const findings: Finding[] = [];
    const digitsOnly = text.replace(/[.\- ]/g, '');
    for (const nrn of this.nrnDigits)
      if (digitsOnly.includes(nrn))
        findings.push({ kind: 'national register number (used)', value: nrn, where, field });
    for (const nrn of nationalRegisterNumbersIn(text))
      findings.push({ kind: 'national register number (pattern)', value: nrn, where, field });
    for (const email of text.match(EMAIL) ?? []) findings.push({ kind: 'e-mail', value: email, where, field });
    for (const date of this.known.birthDates)
      if (text.includes(date)) findings.push({ kind: 'birth date', value: date, where, field });
    for (const note of this.known.freeTexts)
      if (text.includes(note)) findings.push({ kind: 'free text', value: note, where, field });
    for (const pattern of this.lastNames) {
      const match = pattern.exec(text);
      if (match) findings.push({ kind: 'last name', value: match[0], where, field });
    }
    for (const name of this.fullNames)
      if (text.includes(name)) findings.push({ kind: 'name', value: name, where, field });
    if (!displayNameAllowed)
      for (const name of this.displayNames)
        if (text.includes(name)) findings.push({ kind: 'display name', value: name, where, field });
    return findings;
  }

  private firstNamesIn(text: string, where: string, field: string | undefined, all: boolean): Finding[] {
    return this.firstNames
      .filter(({ name, pattern }) => (all || !COMMON_WORDS.has(name)) && pattern.test(text))
      .map(({ name }) => ({ kind: 'first name', value: name, where, field }));
  }

  /** One log line: nothing personal at all, not even a first name. */
  logLine(line: string, where: string): Finding[] {
    return [...this.forbiddenEverywhere(line, where), ...this.firstNamesIn(line, where, undefined, false)];
  }

  /**
   * One Kafka message. An event of a known type may carry a display name ("Sofie V.") in the fields
   * `PERSONAL_DATA_IN_EVENTS` allows, nowhere else; anything else (a malformed message, a dead
   * letter's copy) may carry no name at all.
   */
  message(message: { key: string | null; value: string; headers: Record<string, string> }, where: string): Finding[] {
    const findings: Finding[] = [];
    const headerText = Object.entries(message.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    for (const text of [message.key ?? '', headerText]) {
      findings.push(...this.forbiddenEverywhere(text, where), ...this.firstNamesIn(text, where, undefined, true));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) {
      findings.push(
        ...this.forbiddenEverywhere(message.value, where),
        ...this.firstNamesIn(message.value, where, undefined, true),
      );
      return findings;
    }
    const envelope = parsed as { type?: unknown; version?: unknown; data?: unknown };
    for (const [path, text] of stringLeaves(parsed)) {
      const field = path.startsWith('data.') ? path.slice('data.'.length).split('.')[0] : undefined;
      const allowed =
        field !== undefined &&
        typeof envelope.type === 'string' &&
        typeof envelope.version === 'number' &&
        mayCarryPersonalData(envelope.type, envelope.version, field);
      findings.push(...this.forbiddenEverywhere(text, where, path, allowed));
      if (!allowed) findings.push(...this.firstNamesIn(text, where, path, true));
      else if (message.key !== null && this.ownParticipants.has(message.key) && !DISPLAY_NAME_FORM.test(text))
        findings.push({ kind: 'name not in the allowed form "First L."', value: text, where, field: path });
    }
    return findings;
  }
}

/** Every string in a JSON value with its path (`data.displayName`, `data.lines.0.month`), keys included. */
function stringLeaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, `${path}.${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, nested]) => {
      const at = path ? `${path}.${key}` : key;
      return [[`${at}#key`, key] as [string, string], ...stringLeaves(nested, at)];
    });
  }
  if (typeof value === 'number') return [[path, String(value)]];
  return [];
}
