/** Something a service needs before it can serve traffic, e.g. the Kafka broker. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves with details when ready; rejects with the reason otherwise. */
  check(): Promise<Record<string, unknown>>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
