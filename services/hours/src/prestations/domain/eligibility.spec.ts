import { activeInMonth } from './eligibility';

const trajectory = (
  startedOn: string,
  endedOn: string | null = null,
  suspensions: Array<{ from: string; until: string | null }> = [],
) => [{ trajectoryId: 't', startedOn, endedOn, suspensions }];

describe('who belongs in a month', () => {
  it('includes a participant whose trajectory starts on the last day of the month', () => {
    expect(activeInMonth(trajectory('2026-02-28'), '2026-02')).toBe(true);
  });

  it('excludes a participant whose trajectory ended before the month', () => {
    expect(activeInMonth(trajectory('2025-03-02', '2026-01-31'), '2026-02')).toBe(false);
  });

  it('excludes a participant suspended for the whole month', () => {
    expect(
      activeInMonth(trajectory('2025-03-02', null, [{ from: '2026-02-01', until: '2026-03-01' }]), '2026-02'),
    ).toBe(false);
  });
});
