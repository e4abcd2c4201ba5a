export interface EventDefinition<T extends object = object> {
  type: string;
  version: number;
  topic: string;
  payload: new () => T;
  /** A realistic example payload; tests prove it validates. */
  example: T;
}

export function defineEvent<T extends object>(definition: EventDefinition<T>): EventDefinition<T> {
  return definition;
}
