import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A body field that may be left out, but is never `null`: the field's other rules run on every
 * value but `undefined`. class-validator's `@IsOptional()` skips `null` too, so a `null` the
 * OpenAPI document does not allow (`"role": null`) slipped past every rule and reached the use
 * case (a 500, or a user stored without a role). Fields that may be null say so with
 * `@IsOptional()` and `nullable: true` in their documentation.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
