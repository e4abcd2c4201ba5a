import { DomainError } from '@stapsteen/errors';
import { EnrolParticipant, displayNameOf, enrolParticipant } from './participant';

const command: EnrolParticipant = {
  id: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  firstName: ' Sofie ',
  lastName: 'verbeeck',
  dateOfBirth: '1987-04-12',
  referralSource: 'VDAB',
  enrolledOn: '2026-11-02',
  enrolledBy: 'organiser-1',
  trajectoryId: 't-1',
};

describe('enrolling a participant', () => {
  it('announces the enrolment with a display name instead of the full name', () => {
    const { events } = enrolParticipant(command, '2026-11-23');
    expect(events[0].data).toMatchObject({
      displayName: 'Sofie V.',
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
    });
    expect(JSON.stringify(events)).not.toContain('verbeeck');
    expect(JSON.stringify(events)).not.toContain('1987-04-12');
  });

  it('keeps the national register number out of the event', () => {
    const nrn = '87041212345';
    const body = 870412123n;
    const valid = `${nrn.slice(0, 9)}${String(97 - Number(body % 97n)).padStart(2, '0')}`;
    const { state, events } = enrolParticipant({ ...command, nationalRegisterNumber: valid }, '2026-11-23');
    expect(state.nationalRegisterNumber).toBe(valid);
    expect(JSON.stringify(events)).not.toContain(valid);
  });

  it('refuses a monthly target above the 60-hour cap', () => {
    expect(() => enrolParticipant({ ...command, monthlyHoursTarget: 61 }, '2026-11-23')).toThrow(
      expect.objectContaining({ code: 'PARTICIPANT.TARGET_OUT_OF_RANGE' }),
    );
  });

  it('refuses an enrolment dated in the future', () => {
    expect(() => enrolParticipant({ ...command, enrolledOn: '2026-12-01' }, '2026-11-23')).toThrow(DomainError);
  });

  it('opens the first trajectory as a referral on the enrolment date', () => {
    const { state } = enrolParticipant(command, '2026-11-23');
    expect(state.trajectories).toEqual([
      expect.objectContaining({ id: 't-1', status: 'REFERRED', referredOn: '2026-11-02', reReferral: false }),
    ]);
  });

  it('uses only the first name when there is no last name to abbreviate', () => {
    expect(displayNameOf('Mo', ' ')).toBe('Mo');
  });

  it('takes the initial as a whole character, never half a surrogate pair', () => {
    expect(displayNameOf('Yuki', '𠮷田')).toBe('Yuki 𠮷.');
    expect(displayNameOf('Zoë', 'E\u0301mile')).toBe('Zoë E\u0301.');
  });

  it('shortens a first name so the display name fits the events’ 60 characters', () => {
    const shown = displayNameOf('A'.repeat(80), 'Verbeeck');
    expect(shown).toBe(`${'A'.repeat(56)}… V.`);
    expect([...shown]).toHaveLength(60);
    expect(displayNameOf('A'.repeat(57), 'Verbeeck')).toBe(`${'A'.repeat(57)} V.`);
  });
});
