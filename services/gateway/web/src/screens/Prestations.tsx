import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHead } from '../lib/TableHead';
import { api, post } from '../api';
import { Loading } from '../lib/ScreenState';
import { fmtMonth, fmtNumber } from '../i18n';
import { asDuration, belgianDate, DateField, Problem, problemCode } from './organiser-kit';
import { parseDuration } from './organiser-rules';
import { GebruikerFields } from './entry-fields';

export type { MonthSummary, ParticipantYearView, PrestationFacts, PrestationView } from './prestation-types';
import type { ParticipantYearView, PrestationView } from './prestation-types';

export { parseDuration };

export const participantYearKey = (participantId: string, year: number) => ['participant-year', participantId, year];

export function useParticipantYear(participantId: string, year: number) {
  return useQuery({
    queryKey: participantYearKey(participantId, year),
    queryFn: () => api<ParticipantYearView>(`/hours/participants/${participantId}/hours?year=${year}`),
    enabled: !!participantId,
    // Hours learns of a new participant from flow-through's event, a moment after the enrolment.
    retry: (failures, error) => problemCode(error) === 'HOURS.PARTICIPANT_NOT_FOUND' && failures < 15,
    retryDelay: 1000,
  });
}

const euro = (cents: number) =>
  new Intl.NumberFormat('nl-BE', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/**
 * One participant's prestations of one month, each correctable or deletable with a reason. Once
 * the month is closed a change is late: the screen says so before the organiser confirms.
 */
export function MonthPrestations({
  participantId,
  month,
  monthClosed,
  headingLevel = 3,
  name,
}: {
  participantId: string;
  month: string;
  monthClosed: boolean;
  headingLevel?: 2 | 3;
  /** The name as the calling screen shows it (told apart from others with the same short name). */
  name?: string;
}) {
  const { t } = useTranslation();
  const year = Number(month.slice(0, 4));
  const hours = useParticipantYear(participantId, year);
  const [editing, setEditing] = useState<{ id: string; mode: 'correct' | 'delete' } | null>(null);
  const summary = hours.data?.months.find((m) => m.month === month);
  const prestations = [...(summary?.prestations ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `prestations-${participantId}-${month}`;

  return (
    <section aria-labelledby={headingId} className="month-prestations">
      <Heading id={headingId}>
        {t('organiser.prestations.title', { name: name ?? hours.data?.displayName ?? '', month: fmtMonth(month) })}
      </Heading>
      {hours.isLoading && <Loading />}
      <Problem error={hours.error} />
      {summary && (
        <p className="hint">
          {t('organiser.prestations.summary', {
            counted: fmtNumber(summary.countedHours),
            remaining: fmtNumber(summary.monthRemaining),
            yearRemaining: fmtNumber(hours.data?.yearRemaining ?? 0),
            allowance: euro(summary.totalCents),
          })}
        </p>
      )}
      {monthClosed && (
        <p className="notice" role="note">
          {t('organiser.prestations.closedNotice')}
        </p>
      )}
      {hours.isSuccess && prestations.length === 0 && <p>{t('organiser.prestations.none')}</p>}
      {prestations.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {t('organiser.prestations.title', {
                name: name ?? hours.data?.displayName ?? '',
                month: fmtMonth(month),
              })}
            </caption>
            <TableHead
              columns={[
                { header: t('organiser.prestations.date') },
                { header: t('organiser.prestations.duration'), numeric: true },
                { header: t('organiser.prestations.counted'), numeric: true },
                { header: t('organiser.prestations.gebruiker') },
                { header: t('organiser.prestations.activity') },
                { header: t('organiser.prestations.km'), numeric: true },
                { header: t('organiser.prestations.state') },
                { header: t('organiser.prestations.actions') },
              ]}
            />
            <tbody>
              {prestations.map((p) => (
                <PrestationRow
                  key={p.id}
                  prestation={p}
                  participantId={participantId}
                  monthClosed={monthClosed}
                  editing={editing?.id === p.id ? editing.mode : null}
                  onEdit={(mode) => setEditing(mode ? { id: p.id, mode } : null)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PrestationRow({
  prestation: p,
  participantId,
  monthClosed,
  editing,
  onEdit,
}: {
  prestation: PrestationView;
  participantId: string;
  monthClosed: boolean;
  editing: 'correct' | 'delete' | null;
  onEdit: (mode: 'correct' | 'delete' | null) => void;
}) {
  const { t } = useTranslation();
  const label = `${belgianDate(p.date)} ${asDuration(p.minutes)}`;
  return (
    <>
      <tr className={p.deleted ? 'deleted' : undefined}>
        <td className="nowrap">{belgianDate(p.date)}</td>
        <td className="num">{asDuration(p.minutes)}</td>
        <td className="num">{fmtNumber(p.countedHours)}</td>
        <td>
          {p.gebruiker.reference} <span className="hint">({t(`kinds.${p.gebruiker.kind}`)})</span>
        </td>
        <td>{p.activity}</td>
        <td className="num">{p.kilometres === null ? '' : fmtNumber(p.kilometres)}</td>
        <td>
          {p.deleted && <span className="badge">{t('organiser.prestations.deleted')}</span>}
          {p.late && <span className="badge late">{t('organiser.prestations.late')}</span>}
          {!p.deleted && p.history.length > 0 && (
            <span className="badge">{t('organiser.prestations.corrected', { count: p.history.length })}</span>
          )}
        </td>
        <td>
          {!p.deleted && (
            <span className="actions">
              <button
                type="button"
                className="secondary"
                aria-expanded={editing === 'correct'}
                aria-label={t('organiser.prestations.correctOne', { what: label })}
                onClick={() => onEdit(editing === 'correct' ? null : 'correct')}
              >
                {t('organiser.prestations.correct')}
              </button>
              <button
                type="button"
                className="secondary"
                aria-expanded={editing === 'delete'}
                aria-label={t('organiser.prestations.deleteOne', { what: label })}
                onClick={() => onEdit(editing === 'delete' ? null : 'delete')}
              >
                {t('organiser.prestations.delete')}
              </button>
            </span>
          )}
        </td>
      </tr>
      {editing && (
        <tr className="editing">
          <td colSpan={8}>
            <ChangeForm
              prestation={p}
              participantId={participantId}
              mode={editing}
              monthClosed={monthClosed}
              onDone={() => onEdit(null)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function ChangeForm({
  prestation: p,
  participantId,
  mode,
  monthClosed,
  onDone,
}: {
  prestation: PrestationView;
  participantId: string;
  mode: 'correct' | 'delete';
  monthClosed: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [date, setDate] = useState(p.date);
  const [duration, setDuration] = useState(asDuration(p.minutes));
  const [kind, setKind] = useState(p.gebruiker.kind);
  const [reference, setReference] = useState(p.gebruiker.reference);
  const [activity, setActivity] = useState(p.activity);
  const [km, setKm] = useState(p.kilometres === null ? '' : String(p.kilometres));
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState('');
  const year = Number(p.date.slice(0, 4));
  const path = `/hours/participants/${participantId}/years/${year}/prestations/${p.id}`;
  const change = useMutation({
    mutationFn: (minutes: number) =>
      mode === 'delete'
        ? api(path, { method: 'DELETE', body: JSON.stringify({ reason }) })
        : post(
            path,
            {
              date,
              minutes,
              gebruiker: { kind, reference },
              activity,
              ...(km ? { kilometres: Number(km.replace(',', '.')) } : {}),
              reason,
            },
            'PUT',
          ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['participant-year', participantId] });
      void client.invalidateQueries({ queryKey: ['grid'] });
      onDone();
    },
  });
  const id = `change-${p.id}`;
  return (
    <form
      className="row change-form"
      aria-label={t(mode === 'delete' ? 'organiser.prestations.deleteTitle' : 'organiser.prestations.correctTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setLocalError(t('organiser.prestations.reasonMissing'));
        const minutes = mode === 'delete' ? 0 : parseDuration(duration);
        if (minutes === undefined) return setLocalError(t('entry.badDuration'));
        setLocalError('');
        change.mutate(minutes);
      }}
    >
      {mode === 'correct' && (
        <>
          <DateField id={`${id}-date`} label={t('entry.date')} value={date} onChange={setDate} />
          <label>
            {t('entry.duration')}
            <input size={6} value={duration} onChange={(e) => setDuration(e.target.value)} />
          </label>
          <GebruikerFields
            kind={kind}
            onKind={setKind}
            reference={reference}
            onReference={setReference}
            activity={activity}
            onActivity={setActivity}
          />
          <label>
            {t('entry.km')}
            <input inputMode="decimal" size={5} value={km} onChange={(e) => setKm(e.target.value)} />
          </label>
        </>
      )}
      <label className="grow">
        {t('organiser.prestations.reason')}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          aria-required="true"
          aria-describedby={monthClosed ? `${id}-late` : undefined}
          autoFocus
        />
      </label>
      <button type="submit" disabled={change.isPending}>
        {t(mode === 'delete' ? 'organiser.prestations.confirmDelete' : 'organiser.prestations.confirmCorrect')}
      </button>
      <button type="button" className="secondary" onClick={onDone}>
        {t('organiser.cancel')}
      </button>
      {monthClosed && (
        <p id={`${id}-late`} className="notice full">
          {t('organiser.prestations.lateWarning')}
        </p>
      )}
      {localError && (
        <p role="alert" className="problem full">
          {localError}
        </p>
      )}
      <div className="full">
        <Problem error={change.error} />
      </div>
    </form>
  );
}
