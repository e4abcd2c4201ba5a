import { useTranslation } from 'react-i18next';
import { reopenableUntil } from '../alerts-rules';
import { AlertRow } from './AlertRow';
import { coachText } from './CoachName';
import type { AlertView, Undoable } from './inbox-query';
import type { RowParticipant } from './participant-names';
import type { RowLabels } from './row-labels';

/** One page of alerts, a row each, with the names, coaches and organisations known so far. */
export function InboxTable({
  items,
  busy,
  participants,
  namesPending,
  coaches,
  organisationName,
  now,
  onResolved,
  onReopened,
  labels,
}: {
  items: AlertView[];
  /** A refresh or the next page is on its way. */
  busy: boolean;
  participants: Map<string, RowParticipant>;
  namesPending: boolean;
  coaches: { names: Map<string, string>; pending: boolean };
  organisationName: (organisationId: string) => string;
  now: Date;
  onResolved: (u: Undoable) => void;
  onReopened: (u: Undoable) => void;
  labels: RowLabels;
}) {
  const { t } = useTranslation();
  return (
    <table aria-busy={busy}>
      <caption className="visually-hidden">{t('alerts.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('alerts.kind')}</th>
          <th scope="col">{t('alerts.participant')}</th>
          <th scope="col">{t('alerts.organisation')}</th>
          <th scope="col">{t('alerts.coach')}</th>
          <th scope="col">{t('drill.severity')}</th>
          <th scope="col">{t('alerts.status')}</th>
          <th scope="col">{t('alerts.raised')}</th>
          <th scope="col">{t('alerts.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => {
          const participant = participants.get(a.participantId);
          const until = reopenableUntil(a, now, items);
          return (
            <AlertRow
              key={a.id}
              alert={a}
              name={participant?.name}
              namePending={!participant && namesPending}
              coach={coachText(participant, coaches)}
              organisation={organisationName(a.organisationId)}
              reopenUntil={until ? until.toISOString() : null}
              onResolved={onResolved}
              onReopened={onReopened}
              labels={labels}
            />
          );
        })}
      </tbody>
    </table>
  );
}
