import { describe, expect, it } from '@jest/globals';
import { mayOpen } from './route-roles';

describe('mayOpen', () => {
  it('keeps each role to its own screens', () => {
    expect(mayOpen('ORGANISER', '/organiser/participants/p-1')).toBe(true);
    expect(mayOpen('ORGANISER', '/manager/dashboard')).toBe(false);
    expect(mayOpen('ORGANISER', '/admin/users')).toBe(false);
    expect(mayOpen('COACH', '/organiser')).toBe(false);
    expect(mayOpen('REGIONAL_MANAGER', '/manager/alerts')).toBe(true);
    expect(mayOpen('ADMIN', '/manager/dashboard')).toBe(true);
    expect(mayOpen('ADMIN', '/manager/alerts')).toBe(false);
    expect(mayOpen('REGIONAL_MANAGER', '/admin/users')).toBe(false);
  });

  it('does not mistake a path that only starts with the same letters', () => {
    expect(mayOpen('COACH', '/organisers')).toBe(true);
    expect(mayOpen('ORGANISER', '/coaching')).toBe(true);
  });
});
