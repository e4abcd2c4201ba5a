import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constraintKey, problemText, Translator } from './problem-text';

/** A translator over nl.json, interpolating {{placeholders}} like i18next does. */
function dutch(): Translator {
  const tree = JSON.parse(readFileSync(path.resolve(__dirname, '../i18n/nl.json'), 'utf8'));
  const find = (key: string): unknown => {
    // i18next looks keys up by path, and codes with dots as one key inside `problems`.
    const [head, ...rest] = key.split('.');
    let node: unknown = tree[head];
    for (let i = 0; i < rest.length && node !== undefined; i += 1) {
      const here = node as Record<string, unknown>;
      const whole = rest.slice(i).join('.');
      if (typeof here[whole] === 'string') return here[whole];
      node = here[rest[i]];
    }
    return node;
  };
  return {
    exists: (key) => typeof find(key) === 'string',
    t: (key, options = {}) =>
      String(find(key) ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? '')),
    fieldNames: tree.fieldNames,
  };
}

describe('problemText', () => {
  const tr = dutch();

  it('names the field in the user words and the limit from the constraint code and facts', () => {
    const text = problemText(
      { status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'minutes', code: 'max', max: 720 }] },
      tr,
    );
    expect(text).toBe('Duur mag niet meer zijn dan 720.');
  });

  it('reads constraint lists and namespaced codes', () => {
    const text = problemText(
      {
        status: 400,
        code: 'REQUEST.INVALID',
        errors: [{ field: 'gebruiker.reference', constraints: [{ code: 'REQUEST.FIELD_MAX_LENGTH', max: 120 }] }],
      },
      tr,
    );
    expect(text).toBe('Gebruiker mag hoogstens 120 tekens hebben.');
    expect(constraintKey('isDateString')).toBe('isdatestring');
  });

  it('never shows class-validator English, even when the answer carries only that', () => {
    const text = problemText(
      {
        status: 400,
        code: 'REQUEST.INVALID',
        detail: 'minutes: minutes must not be greater than 720; date: date must be a valid ISO 8601 date string',
        errors: [
          { field: 'minutes', problems: ['minutes must not be greater than 720'] },
          { field: 'date', problems: ['date must be a valid ISO 8601 date string'] },
        ],
      },
      tr,
    );
    expect(text).toBe('Duur mag niet meer zijn dan 720. Datum moet een geldige datum zijn.');
  });

  it('says a code in Dutch with its facts, and an unknown one by its status, never the English detail', () => {
    expect(
      problemText({ status: 422, code: 'GATEWAY.PASSWORD_TOO_SHORT', detail: 'A password needs at least 12' }, tr),
    ).toBe('Een wachtwoord heeft minstens 12 tekens.');
    expect(
      problemText(
        { status: 422, code: 'HOURS.MONTHLY_CAP_EXCEEDED', cap: 60, alreadyCounted: 58, stillAllowed: 2 },
        tr,
      ),
    ).toContain('Nog 2 uur');
    expect(
      problemText(
        { status: 422, code: 'HOURS.NOT_FLAGGED', month: '2026-11' },
        { ...tr, month: () => 'november 2026' },
        ['organiser.problems.'],
      ),
    ).toBe('Deze deelnemer werd in november 2026 niet gesignaleerd wegens weinig uren.');
    const unknown = problemText({ status: 409, code: 'SOMETHING.NEW', detail: 'Some English text' }, tr);
    expect(unknown).not.toContain('English');
    expect(unknown).toMatch(/andere wijziging/);
  });

  it('says the refusals of exact bodies and of the outbox check in Dutch', () => {
    const typed = { field: 'minutes', problems: ['must be a number, not a string'] };
    expect(problemText({ status: 400, code: 'REQUEST.INVALID', errors: [typed] }, tr)).toBe(
      'Duur moet een getal zijn.',
    );
    const key = {
      field: 'gebruiker.__proto__',
      problems: ['should not exist (a key named __proto__ is never accepted)'],
    };
    expect(problemText({ status: 400, code: 'REQUEST.INVALID', errors: [key] }, tr)).not.toMatch(/should|proto/);
    expect(problemText({ status: 400, code: 'REQUEST.MALFORMED' }, tr)).toBe('Dit verzoek kon niet gelezen worden.');
    expect(problemText({ status: 500, code: 'EVENT.INVALID', correlationId: 'c-1' }, tr)).toMatch(
      /^Er werd niets opgeslagen.*c-1/,
    );
  });
});
