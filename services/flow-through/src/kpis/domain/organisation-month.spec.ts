import {
  emptyOrganisationMonth,
  organisationMonthFigures,
  organisationMonthId,
  recordParticipantMonth,
  recordParticipantMonths,
} from './organisation-month';

describe('organisation-month hours read model', () => {
  const start = emptyOrganisationMonth('org-1', 'region-1', '2026-10');

  it('is addressed by organisation and month', () => {
    expect(start._id).toBe(organisationMonthId('org-1', '2026-10'));
    expect(start._id).toBe('org-1:2026-10');
  });

  it('sums counted hours, counts months below target and fills the buckets', () => {
    let model = recordParticipantMonth(start, 'p1', { countedHours: 0, targetHours: 20 });
    model = recordParticipantMonth(model, 'p2', { countedHours: 9, targetHours: 8 });
    model = recordParticipantMonth(model, 'p3', { countedHours: 60, targetHours: 40 });
    const figures = organisationMonthFigures(model);
    expect(figures.participantMonths).toBe(3);
    expect(figures.countedHoursSum).toBe(69);
    expect(figures.belowTarget).toBe(1);
    expect(figures.buckets).toMatchObject({ '0': 1, '1-9': 1, '10-19': 0, '60': 1 });
  });

  it('changes no figure when the same month-closed fact is applied again', () => {
    const once = recordParticipantMonth(start, 'p1', { countedHours: 14, targetHours: 20 });
    const twice = recordParticipantMonth(once, 'p1', { countedHours: 14, targetHours: 20 });
    expect(organisationMonthFigures(twice)).toEqual(organisationMonthFigures(once));
  });

  it('takes a re-closed month as a replacement of the participant line, not an addition', () => {
    const first = recordParticipantMonth(start, 'p1', { countedHours: 14, targetHours: 20 });
    const corrected = recordParticipantMonth(first, 'p1', { countedHours: 22, targetHours: 20 });
    expect(organisationMonthFigures(corrected)).toMatchObject({
      participantMonths: 1,
      countedHoursSum: 22,
      belowTarget: 0,
    });
  });

  it('takes a whole closed month at once, replacing the lines it names and keeping the others', () => {
    const earlier = recordParticipantMonth(start, 'p1', { countedHours: 14, targetHours: 20 });
    const model = recordParticipantMonths(earlier, [
      { participantId: 'p1', countedHours: 22, targetHours: 20 },
      { participantId: 'p2', countedHours: 5, targetHours: 20 },
    ]);
    expect(recordParticipantMonths(model, [{ participantId: 'p2', countedHours: 5, targetHours: 20 }])).toEqual(model);
    expect(organisationMonthFigures(model)).toMatchObject({
      participantMonths: 2,
      countedHoursSum: 27,
      belowTarget: 1,
    });
  });
});
