import type { Problem } from '../api';

/**
 * A problem document in the user's words, built only from its stable `code` and facts: never the
 * server's English `detail`, never a raw code. A refused request body (REQUEST.INVALID) names each
 * field the way the form does ("Duur") and says what is wrong with it from the constraint's code
 * and its facts ("mag niet meer zijn dan 720").
 */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  /** The field names of the chosen language (`fieldNames` in nl.json/en.json). */
  fieldNames: Record<string, string>;
  /** "2026-11" → "november 2026": facts that are months are written out. */
  month?: (month: string) => string;
}

/** The facts as a sentence uses them: months written out, never "2026-11". */
function readable(problem: Problem, tr: Translator): Record<string, unknown> {
  if (!tr.month) return problem;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(problem)) {
    out[key] = typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? tr.month(value) : value;
  }
  return out;
}

interface FieldConstraint {
  constraint: string;
  facts: Record<string, unknown>;
}

/** class-validator's English defaults, for answers that carry only those: the constraint and its number. */
const DEFAULT_MESSAGES: Array<[RegExp, string, string?]> = [
  [/must not be greater than (-?[\d.]+)/, 'max', 'max'],
  [/must not be less than (-?[\d.]+)/, 'min', 'min'],
  [/must be shorter than or equal to (\d+) characters/, 'maxLength', 'max'],
  [/must be longer than or equal to (\d+) characters/, 'minLength', 'min'],
  [/must be a valid ISO 8601 date string|must be a date|must be a Date instance/, 'isDate'],
  [/must be an integer number/, 'isInt'],
  [/must be a number/, 'isNumber'],
  [/must be a positive number/, 'isPositive'],
  [/should not be empty/, 'isNotEmpty'],
  [/should not be null or undefined/, 'isDefined'],
  [/must be one of the following values|must be a valid enum value/, 'isEnum'],
  [/must be an email/, 'isEmail'],
  [/must match .* regular expression/, 'matches'],
  [/must be a string/, 'isString'],
  [/must be a boolean value/, 'isBoolean'],
  [/should not exist/, 'whitelistValidation'],
  [/should not be empty|must contain at least 1 elements/, 'arrayNotEmpty'],
];

/** "REQUEST.FIELD.MAX", "FIELD_MAX_LENGTH", "maxLength" → "maxlength". */
export function constraintKey(code: string): string {
  const last = code.split('.').pop() ?? code;
  const bare = last.replace(/^FIELD_/, '');
  return bare.replace(/[_-]/g, '').toLowerCase();
}

function fromEnglish(text: string): FieldConstraint {
  for (const [pattern, constraint, fact] of DEFAULT_MESSAGES) {
    const match = pattern.exec(text);
    if (match) return { constraint, facts: fact && match[1] ? { [fact]: Number(match[1]) } : {} };
  }
  return { constraint: 'unknown', facts: {} };
}

/** Every shape a field entry may take: `{field, code|constraint, ...facts}`, `{field, constraints: [...]}`, `{field, problems: [English]}`. */
export function constraintsOf(entry: Record<string, unknown>): FieldConstraint[] {
  const facts = (value: Record<string, unknown>) => {
    const {
      field: _f,
      code: _c,
      constraint: _k,
      constraints: _cs,
      problems: _p,
      codes: _cd,
      name: _n,
      ...rest
    } = value;
    const nested =
      typeof value.facts === 'object' && value.facts !== null ? (value.facts as Record<string, unknown>) : {};
    const { facts: _facts, ...plain } = rest;
    return { ...plain, ...nested };
  };
  const named = (value: Record<string, unknown>) =>
    [value.code, value.constraint, value.name].find((v): v is string => typeof v === 'string');
  const list: FieldConstraint[] = [];
  if (Array.isArray(entry.constraints)) {
    for (const c of entry.constraints) {
      if (typeof c === 'string') list.push({ constraint: c, facts: facts(entry) });
      else if (typeof c === 'object' && c !== null) {
        const name = named(c as Record<string, unknown>);
        if (name) list.push({ constraint: name, facts: facts(c as Record<string, unknown>) });
      }
    }
  } else if (Array.isArray(entry.codes)) {
    for (const c of entry.codes) if (typeof c === 'string') list.push({ constraint: c, facts: facts(entry) });
  }
  const own = named(entry);
  if (list.length === 0 && own) list.push({ constraint: own, facts: facts(entry) });
  if (list.length === 0 && Array.isArray(entry.problems))
    list.push(...entry.problems.map((p) => fromEnglish(String(p))));
  if (list.length === 0) list.push({ constraint: 'unknown', facts: {} });
  return list;
}

/** The field as the form names it: "gebruiker.reference" → its own name, else its last part's, else a neutral word. */
export function fieldName(field: string, tr: Translator): string {
  const plain = field.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '');
  return tr.fieldNames[plain] ?? tr.fieldNames[plain.split('.').pop() ?? ''] ?? tr.t('problems.field.unknownField');
}

export function constraintText(constraint: FieldConstraint, tr: Translator): string {
  const key = `problems.constraint.${constraintKey(constraint.constraint)}`;
  if (!tr.exists(key)) return tr.t('problems.constraint.unknown');
  const needsFact = tr.exists(`${key}NoFact`);
  const factNames = ['max', 'min', 'constraint', 'limit', 'value'];
  const fact = factNames.map((f) => constraint.facts[f]).find((v) => typeof v === 'number' || typeof v === 'string');
  if (needsFact && fact === undefined) return tr.t(`${key}NoFact`);
  const facts = { ...constraint.facts };
  if (fact !== undefined && facts.max === undefined && /max/.test(key)) facts.max = fact;
  if (fact !== undefined && facts.min === undefined && /min/.test(key)) facts.min = fact;
  return tr.t(key, facts);
}

export function problemText(problem: Problem, tr: Translator, prefixes: string[] = []): string {
  const { code, status } = problem;
  if (code === 'REQUEST.INVALID' && Array.isArray(problem.errors) && problem.errors.length > 0) {
    const sentences = (problem.errors as unknown[])
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .flatMap((entry) => {
        const field = fieldName(typeof entry.field === 'string' ? entry.field : '', tr);
        return constraintsOf(entry).map((c) =>
          tr.t('problems.field.sentence', { field, problem: constraintText(c, tr) }),
        );
      });
    if (sentences.length > 0) return [...new Set(sentences)].join(' ');
  }
  for (const prefix of [...prefixes, 'problems.']) {
    if (code && tr.exists(`${prefix}${code}`)) return tr.t(`${prefix}${code}`, readable(problem, tr));
  }
  const byStatus = status >= 500 && !tr.exists(`problems.status.${status}`) ? 500 : status;
  if (tr.exists(`problems.status.${byStatus}`)) return tr.t(`problems.status.${byStatus}`, problem);
  return tr.t('problems.generic', { status });
}
