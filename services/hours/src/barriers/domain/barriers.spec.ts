import { DomainError } from '@stapsteen/errors';
import { BarrierRecord, countBarriers, recordBarriers } from './barriers';

const base = {
  participantId: 'p-1',
  organisationId: 'org-a',
  regionId: 'r',
  month: '2026-10',
  otherDescription: null,
  recordedBy: 'o',
  recordedAt: '2026-11-12T09:00:00Z',
};

describe('barriers', () => {
  it('records the barriers of a flagged participant once each', () => {
    expect(
      recordBarriers({ ...base, flagged: true, barriers: ['MOBILITY', 'MOBILITY', 'CARE_DUTIES'] }).barriers,
    ).toEqual(['MOBILITY', 'CARE_DUTIES']);
  });

  it('refuses barriers for a participant who was not flagged that month', () => {
    expect(() => recordBarriers({ ...base, flagged: false, barriers: ['MOBILITY'] })).toThrow(
      expect.objectContaining({ code: 'HOURS.NOT_FLAGGED' }),
    );
  });

  it('asks for a description with "other"', () => {
    expect(() => recordBarriers({ ...base, flagged: true, barriers: ['OTHER'] })).toThrow(DomainError);
    expect(
      recordBarriers({ ...base, flagged: true, barriers: ['OTHER'], otherDescription: 'Verhuis' }).otherDescription,
    ).toBe('Verhuis');
  });

  it('counts each participant once per barrier, per organisation', () => {
    const records: BarrierRecord[] = [
      { ...base, barriers: ['MOBILITY'] },
      { ...base, month: '2026-11', barriers: ['MOBILITY', 'LANGUAGE'] },
      { ...base, participantId: 'p-2', barriers: ['MOBILITY'] },
      { ...base, participantId: 'p-3', organisationId: 'org-b', barriers: ['LOW_DEMAND'] },
    ];
    expect(countBarriers(records)).toEqual([
      { organisationId: 'org-a', barrier: 'MOBILITY', participants: 2 },
      { organisationId: 'org-a', barrier: 'LANGUAGE', participants: 1 },
      { organisationId: 'org-b', barrier: 'LOW_DEMAND', participants: 1 },
    ]);
  });
});
