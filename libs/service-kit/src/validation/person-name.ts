import { ValidationOptions, registerDecorator } from 'class-validator';

/** Controls that reorder what follows them on screen: a name could spoof a file name or a neighbour's text. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** NUL, bell, escape, DEL and the C1 range: never part of a name, and NUL breaks the PostgreSQL back end. */
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** Half of a UTF-16 surrogate pair without its other half: not text at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LETTER = /\p{L}/u;

/** Why a person's name is refused, or undefined when it is a name. */
export function personNameProblem(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text';
  if (CONTROL_CHARACTERS.test(value)) return 'must not contain control characters';
  if (BIDI_CONTROLS.test(value)) return 'must not contain text-direction controls';
  if (!LETTER.test(value)) return 'must contain a letter';
  if ([...value].length > maxLength) return `must be at most ${maxLength} characters`;
  return undefined;
}

/**
 * A person's name as people write it: any script, combining marks, right-to-left letters, emoji
 * and zero-width joiners inside a name are kept exactly as sent; refused are names without a
 * letter (blank, only spaces or zero-width characters), control characters (NUL among them),
 * text-direction controls, broken UTF-16 and more than `maxLength` characters (code points).
 */
export function IsPersonName(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPersonName',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => personNameProblem(value, maxLength) === undefined,
        defaultMessage: (args) => `${args?.property} ${personNameProblem(args?.value, maxLength)}`,
      },
    });
}
