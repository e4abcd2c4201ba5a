import type { RowParticipant } from './participant-names';
import type { RowLabels } from './row-labels';

/** The coach cell: the coach's name, "geen coach", or why the name is not there. */
export function coachText(
  participant: RowParticipant | undefined,
  coaches: { names: Map<string, string>; pending: boolean },
): CoachCell {
  if (!participant) return { kind: 'pending' };
  if (!participant.coachId) return { kind: 'none' };
  const name = coaches.names.get(participant.coachId);
  if (name) return { kind: 'name', name };
  return coaches.pending ? { kind: 'pending' } : { kind: 'unknown' };
}

export type CoachCell = { kind: 'name'; name: string } | { kind: 'none' } | { kind: 'unknown' } | { kind: 'pending' };

export function CoachName({ coach, labels }: { coach: CoachCell; labels: RowLabels }) {
  if (coach.kind === 'name') return <>{coach.name}</>;
  if (coach.kind === 'none') return <span className="hint">{labels.noCoach}</span>;
  if (coach.kind === 'unknown') return <span className="hint">{labels.coachUnknown}</span>;
  return <span className="hint">…</span>;
}
