import { describe, expect, it } from '@jest/globals';
import { lastWeekCopies, suggestionsFrom, weekOf } from './entry-helpers';
import type { PrestationView } from './prestation-types';

const prestation = (date: string, reference: string, activity: string, extra: Partial<PrestationView> = {}) =>
  ({
    id: `${date}-${reference}`,
    date,
    minutes: 150,
    gebruiker: { kind: 'LOCAL_GOVERNMENT', reference },
    activity,
    kilometres: null,
    countedHours: 3,
    late: false,
    deleted: false,
    history: [],
    ...extra,
  }) as PrestationView;

describe('the entry form’s time-savers', () => {
  it('knows the Belgian week of a day, across a month and a year', () => {
    expect(weekOf('2027-01-01')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(weekOf('2026-12-07')[0]).toBe('2026-12-07'); // a Monday is its own week's start
  });

  it('suggests the gebruikers and activities used most, ignoring case, spacing and deleted lines', () => {
    const suggestions = suggestionsFrom([
      prestation('2026-11-02', 'Gemeente Nijlen', 'Zwerfvuil ruimen'),
      prestation('2026-11-09', 'gemeente nijlen ', 'Zwerfvuil ruimen'),
      prestation('2026-11-10', 'School De Linde', 'Speelplaatstoezicht'),
      prestation('2026-11-11', 'Typfout Gemeentee', 'Typfout', { deleted: true }),
      prestation('2026-11-12', 'Mevrouw Peeters', 'Tuinonderhoud', {
        gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Mevrouw Peeters' },
      }),
    ]);
    expect(suggestions.references.LOCAL_GOVERNMENT).toEqual(['Gemeente Nijlen', 'School De Linde']);
    expect(suggestions.references.PRIVATE_PERSON).toEqual(['Mevrouw Peeters']);
    expect(suggestions.activities).toEqual(['Zwerfvuil ruimen', 'Tuinonderhoud', 'Speelplaatstoezicht']);
  });

  it('copies last week one week on, never into the future and never a deleted line', () => {
    const copies = lastWeekCopies(
      [
        prestation('2026-11-23', 'Gemeente Nijlen', 'Zwerfvuil ruimen'), // Monday of last week
        prestation('2026-11-27', 'School De Linde', 'Toezicht', { kilometres: 4 }), // Friday of last week
        prestation('2026-11-25', 'Weg', 'Weg', { deleted: true }),
        prestation('2026-11-16', 'Te vroeg', 'Twee weken terug'),
      ],
      '2026-12-02',
      '2026-12-03',
    );
    expect(copies).toEqual([
      {
        date: '2026-11-30',
        minutes: 150,
        gebruiker: { kind: 'LOCAL_GOVERNMENT', reference: 'Gemeente Nijlen' },
        activity: 'Zwerfvuil ruimen',
        kilometres: null,
      },
    ]);
  });
});
