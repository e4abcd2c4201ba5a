import { namedFactory } from './named-factory';

describe('namedFactory', () => {
  it('injects the tokens in the order of the names and hands each value to its own name', () => {
    const CLOCK = Symbol('CLOCK');
    const provider = namedFactory(
      'Thing',
      { clock: CLOCK, config: 'CONFIG' },
      (d: { clock: string; config: string }) => d,
    );

    expect(provider.provide).toBe('Thing');
    expect(provider.inject).toEqual([CLOCK, 'CONFIG']);
    expect(provider.useFactory('the clock', 'the config')).toEqual({ clock: 'the clock', config: 'the config' });
  });
});
