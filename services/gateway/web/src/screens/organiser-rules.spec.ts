import { describe, expect, it } from '@jest/globals';
import {
  acceptedLines,
  asDuration,
  belgianDate,
  capState,
  checkEnrolment,
  parseDuration,
  stepBody,
  STEPS_FROM,
} from './organiser-rules';

describe('the organiser screens’ rules', () => {
  it('reads a duration the way it is written on the paper form', () => {
    expect(parseDuration('2:15')).toBe(135);
    expect(parseDuration(' 2u15 ')).toBe(135);
    expect(parseDuration('8')).toBe(480);
    expect(parseDuration('0:45')).toBe(45);
    expect(parseDuration('0:00')).toBeUndefined();
    expect(parseDuration('2:75')).toBeUndefined();
    expect(parseDuration('twee uur')).toBeUndefined();
    expect(asDuration(135)).toBe('2:15');
    expect(asDuration(parseDuration('3:05')!)).toBe('3:05');
  });

  it('turns a row amber ten hours before the cap and red at it', () => {
    expect(capState(11)).toBe('ok');
    expect(capState(10)).toBe('near');
    expect(capState(1)).toBe('near');
    expect(capState(0)).toBe('full');
  });

  it('writes a date day first, as in Belgium, and refuses days that do not exist', () => {
    expect(belgianDate('2026-12-01', 'nl-BE')).toBe('di 1/12/2026');
    expect(belgianDate('2026-02-30', 'nl-BE')).toBe('');
    expect(belgianDate('', 'nl-BE')).toBe('');
  });

  it('names each enrolment field that is missing or impossible, and leaves the register number optional', () => {
    const valid = {
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      nationalRegisterNumber: '',
      monthlyHoursTarget: '',
      enrolledOn: '2026-11-02',
    };
    expect(checkEnrolment(valid, '2026-12-03')).toEqual({});
    expect(checkEnrolment({ ...valid, nationalRegisterNumber: '87.04.12-123.14' }, '2026-12-03')).toEqual({});
    expect(
      checkEnrolment(
        {
          firstName: ' ',
          lastName: '',
          dateOfBirth: '2027-01-01',
          nationalRegisterNumber: '8704',
          monthlyHoursTarget: '61',
          enrolledOn: '2026-12-04',
        },
        '2026-12-03',
      ),
    ).toEqual({
      firstName: 'organiser.enrol.errors.firstName',
      lastName: 'organiser.enrol.errors.lastName',
      dateOfBirth: 'organiser.enrol.errors.dateOfBirthFuture',
      nationalRegisterNumber: 'organiser.enrol.errors.nationalRegisterNumber',
      monthlyHoursTarget: 'organiser.enrol.errors.monthlyHoursTarget',
      enrolledOn: 'organiser.enrol.errors.enrolledOnFuture',
    });
  });

  it('offers only the trajectory steps the status allows, each with the body flow-through expects', () => {
    expect(STEPS_FROM.REFERRED).toContain('drop-off');
    expect(STEPS_FROM.ACTIVE).not.toContain('drop-off');
    expect(STEPS_FROM.SUSPENDED).toEqual(['resume', 'extend', 'end']);
    expect(STEPS_FROM.ENDED).toEqual(['re-referral']);
    expect(stepBody('drop-off', '2026-11-05', { reasonCode: 'NOT_REACHED' })).toEqual({
      droppedOn: '2026-11-05',
      reasonCode: 'NOT_REACHED',
    });
    expect(stepBody('extend', '2027-04-30', {})).toEqual({ plannedEndOn: '2027-04-30' });
    expect(stepBody('end', '2026-11-30', { destination: 'SOCIAL_ECONOMY' })).toEqual({
      on: '2026-11-30',
      destination: 'SOCIAL_ECONOMY',
    });
    expect(stepBody('start', '2026-11-02', {})).toEqual({ on: '2026-11-02' });
  });

  it('lists the import lines that were taken as ranges, when the report names every refused line', () => {
    expect(acceptedLines(9, [9, 10], 2)).toBe('2–8');
    expect(acceptedLines(6, [3, 5], 2)).toBe('2, 4, 6–7');
    expect(acceptedLines(2, [2, 3], 2)).toBe('');
    expect(acceptedLines(500, [2], 120)).toBeNull();
  });
});
