import { BARRIERS } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';

/**
 * What keeps hours low — the central question of the Ensure project: the codes of the
 * `hours.barriers-recorded` contract, the one list the API, the events and the web app share.
 */
export const BARRIER_CODES = BARRIERS;
export type BarrierCode = (typeof BARRIER_CODES)[number];

export interface BarrierRecord {
  participantId: string;
  organisationId: string;
  regionId: string;
  month: string;
  barriers: BarrierCode[];
  /** Only with OTHER; stays in this service, never in an event. */
  otherDescription: string | null;
  recordedBy: string;
  recordedAt: string;
}

export function recordBarriers(
  input: Omit<BarrierRecord, 'barriers'> & { barriers: BarrierCode[]; flagged: boolean },
): BarrierRecord {
  if (!input.flagged) {
    throw new DomainError(
      'HOURS.NOT_FLAGGED',
      'rule-violation',
      `This participant was not flagged for low hours in ${input.month}.`,
      {
        month: input.month,
      },
    );
  }
  const barriers = [...new Set(input.barriers)];
  if (barriers.length === 0)
    throw new DomainError('HOURS.BARRIERS_EMPTY', 'validation', 'Choose at least one barrier.');
  const other = input.otherDescription?.trim() || null;
  if (barriers.includes('OTHER') && !other) {
    throw new DomainError(
      'HOURS.BARRIER_OTHER_UNDESCRIBED',
      'validation',
      'Describe the barrier when you choose "other".',
    );
  }
  const { flagged: _flagged, ...record } = input;
  return { ...record, barriers, otherDescription: barriers.includes('OTHER') ? other : null };
}

export interface BarrierCount {
  organisationId: string;
  barrier: BarrierCode;
  participants: number;
}

/** How many participants named each barrier, per organisation (each participant once per barrier). */
export function countBarriers(records: BarrierRecord[]): BarrierCount[] {
  const seen = new Map<string, Set<string>>();
  for (const record of records) {
    for (const barrier of record.barriers) {
      const key = `${record.organisationId}|${barrier}`;
      const participants = seen.get(key) ?? new Set<string>();
      participants.add(record.participantId);
      seen.set(key, participants);
    }
  }
  return [...seen.entries()]
    .map(([key, participants]) => {
      const [organisationId, barrier] = key.split('|');
      return { organisationId, barrier: barrier as BarrierCode, participants: participants.size };
    })
    .sort((a, b) => a.organisationId.localeCompare(b.organisationId) || b.participants - a.participants);
}
