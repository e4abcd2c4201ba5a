/**
 * What the deployment tests need to know about each service's configuration class: the class itself
 * and the variables it reads. tests/deploy/docker-compose.spec.ts and tests/deploy/helm-chart.spec.ts
 * both check their deployment against these.
 */
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { CoachingConfig } from '../../services/coaching/src/config/coaching.config';
import { FlowThroughConfig } from '../../services/flow-through/src/config/flow-through.config';
import { GatewayConfig } from '../../services/gateway/src/config/gateway.config';
import { HoursConfig } from '../../services/hours/src/config/hours.config';

/** The configuration class each service validates its environment with at boot. */
export const CONFIG_CLASSES: Record<string, new () => object> = {
  gateway: GatewayConfig,
  'flow-through': FlowThroughConfig,
  hours: HoursConfig,
  coaching: CoachingConfig,
};

export const SERVICE_NAMES = Object.keys(CONFIG_CLASSES);

function metadataOf(name: string) {
  return getMetadataStorage().getTargetValidationMetadatas(CONFIG_CLASSES[name], '', true, false);
}

/** Every variable a configuration class reads: the properties it validates, its parents' included. */
export function variablesRead(name: string): string[] {
  return [...new Set(metadataOf(name).map((m) => m.propertyName))];
}

/**
 * The variables the class cannot boot without: validated, not optional, and without a default value
 * (a property the class leaves undefined when the environment does not set it).
 */
export function variablesWithoutDefault(name: string): string[] {
  const optional = new Set(
    metadataOf(name)
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
      .map((m) => m.propertyName),
  );
  const defaults = new CONFIG_CLASSES[name]() as Record<string, unknown>;
  return variablesRead(name).filter((key) => !optional.has(key) && defaults[key] === undefined);
}
