import type { FactoryProvider, InjectionToken } from '@nestjs/common';

/**
 * A Nest factory provider whose dependencies are named instead of listed by position:
 * `namedFactory(Thing, { clock: CLOCK }, ({ clock }: { clock: Clock }) => new Thing(clock))`.
 * The names tie each token to the parameter it fills, so reordering either list cannot swap them.
 */
export function namedFactory<T, D extends Record<string, unknown>>(
  provide: InjectionToken,
  dependencies: { [K in keyof D]: InjectionToken },
  build: (dependencies: D) => T,
): FactoryProvider<T> {
  const names = Object.keys(dependencies) as (keyof D & string)[];
  return {
    provide,
    inject: names.map((name) => dependencies[name]),
    useFactory: (...values: unknown[]) =>
      build(Object.fromEntries(names.map((name, index) => [name, values[index]])) as D),
  };
}
