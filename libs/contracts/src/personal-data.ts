/**
 * The only event fields that may carry a participant's personal data, and why. Every other field of
 * every event is an id, a code, a count or a date of the programme. Never allowed in any event: the
 * national register number, the full last name, the birth date, contact details (e-mail, phone,
 * address) and free text (notes, reasons, descriptions), which stay in the service that took them.
 *
 * `tests/privacy/privacy.e2e-spec.ts` reads every message on every topic and every log line of a
 * run of the four services and allows a participant's name only in these fields; the unit test
 * `privacy.spec.ts` checks that no contract declares a field for the rest.
 */
export interface PersonalDataField {
  type: string;
  version: number;
  /** The payload field, at the top level of `data`. */
  field: string;
  kind: 'display-name';
  /** Why a consumer needs it. */
  reason: string;
}

const DISPLAY_NAME_REASON =
  'First name and last-name initial ("Sofie V."): hours and coaching show whom a row is about ' +
  'to organisers and coaches of the same organisation; the full name stays in flow-through.';

export const PERSONAL_DATA_IN_EVENTS: readonly PersonalDataField[] = Object.freeze([
  { type: 'participant.enrolled', version: 1, field: 'displayName', kind: 'display-name', reason: DISPLAY_NAME_REASON },
  { type: 'participant.updated', version: 1, field: 'displayName', kind: 'display-name', reason: DISPLAY_NAME_REASON },
]);

/** The form a display name must have where it is allowed: one first name (may hold spaces or hyphens) and an initial. */
export const DISPLAY_NAME_FORM = /^\S(.*\S)? \p{Lu}\.$/u;

/** Whether `field` of an event of this type and version may carry personal data. */
export function mayCarryPersonalData(type: string, version: number, field: string): boolean {
  return PERSONAL_DATA_IN_EVENTS.some(
    (allowed) => allowed.type === type && allowed.version === version && allowed.field === field,
  );
}
