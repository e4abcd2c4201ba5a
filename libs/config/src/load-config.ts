import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigurationError extends Error {}

/**
 * Validates the environment against a class-validator schema and returns the typed, converted
 * values. Every problem is reported at once, each line naming the variable, so an operator can
 * fix a deployment in one go instead of one restart per mistake.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n${errors.map(describe).join('\n')}`);
  }
  return config;
}

function describe(error: ValidationError): string {
  const received = error.value === undefined ? 'missing' : `got "${String(error.value).slice(0, 40)}"`;
  const problems = Object.values(error.constraints ?? {}).join('; ');
  return `  - ${error.property}: ${received} (${problems})`;
}
