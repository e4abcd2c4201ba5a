import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api';
import { clearDraft, readDraft, writeDraft } from '../lib/drafts';
import { CONFIRM_ABOVE_MINUTES, suggestionsFrom } from './entry-helpers';
import { asDuration, belgianDate, DateField, problemCode, todayInBrussels, useProblemText } from './organiser-kit';
import { GebruikerFields } from './entry-fields';
import { parseDuration, useParticipantYear } from './Prestations';
import { RepeatLastWeek, WeekEntry } from './WeekEntry';

/** One participant's line in the month grid, as the entry form needs it. */
export interface EntryRow {
  participantId: string;
  displayName: string;
}

/** Fields a refusal is about, so the field itself is marked and points at the explanation. */
const DATE_PROBLEMS = [
  'HOURS.DATE_IN_FUTURE',
  'HOURS.BEFORE_TRAJECTORY_START',
  'HOURS.TRAJECTORY_SUSPENDED',
  'HOURS.AFTER_TRAJECTORY_END',
  'HOURS.NO_ACTIVE_TRAJECTORY',
  'HOURS.WRONG_YEAR',
];
const DURATION_PROBLEMS = [
  'HOURS.MONTHLY_CAP_EXCEEDED',
  'HOURS.YEARLY_CAP_EXCEEDED',
  'HOURS.DAY_LIMIT_EXCEEDED',
  'HOURS.DURATION_INVALID',
];

/** What was typed in the entry form and not yet saved, kept per user and month across a reload. */
interface EntryDraft {
  participantId: string;
  date: string;
  duration: string;
  kind: string;
  reference: string;
  activity: string;
  km: string;
  reason: string;
}

interface Saved {
  prestation: { minutes: number; countedHours: number; date: string };
  totals: { monthCounted: number; monthRemaining: number };
}

export function PrestationEntry({
  rows,
  loading,
  month,
  monthClosed,
}: {
  rows: EntryRow[];
  loading: boolean;
  month: string;
  monthClosed: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const problemText = useProblemText();
  const today = todayInBrussels();
  // A draft of this user and month from before a reload comes back; the screen's key names the month.
  const userId = client.getQueryData<{ id: string }>(['me'])?.id;
  const draftScreen = `prestation-entry.${month}`;
  const [restored] = useState(() => readDraft<EntryDraft>(userId, draftScreen));
  const [participantId, setParticipantId] = useState(restored?.participantId ?? '');
  const [date, setDate] = useState(restored?.date ?? (today.startsWith(month) ? today : `${month}-01`));
  const [duration, setDuration] = useState(restored?.duration ?? '');
  const [kind, setKind] = useState<string>(restored?.kind ?? 'PRIVATE_PERSON');
  const [reference, setReference] = useState(restored?.reference ?? '');
  const [activity, setActivity] = useState(restored?.activity ?? '');
  const [km, setKm] = useState(restored?.km ?? '');
  const [reason, setReason] = useState(restored?.reason ?? '');
  const [showRestored, setShowRestored] = useState(restored !== null);
  // Typing makes a draft; saving or cancelling ends it (what stays on screen for the next line is no draft).
  const typing = useRef(false);
  const typed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      typing.current = true;
      set(value);
    };
  useEffect(() => {
    if (typing.current)
      writeDraft(userId, draftScreen, { participantId, date, duration, kind, reference, activity, km, reason });
  }, [userId, draftScreen, participantId, date, duration, kind, reference, activity, km, reason]);
  const endDraft = () => {
    typing.current = false;
    setShowRestored(false);
    clearDraft(userId, draftScreen);
  };
  const [localError, setLocalError] = useState<{ field: string; text: string } | null>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const chosen = participantId || rows[0]?.participantId || '';
  const chosenName = rows.find((r) => r.participantId === chosen)?.displayName ?? '';
  // The participant's year feeds the suggestions and the week tools; last week may lie in last year.
  const year = useParticipantYear(chosen, Number(date.slice(0, 4)));
  const suggestions = suggestionsFrom((year.data?.months ?? []).flatMap((m) => m.prestations));
  // A long line is saved only after a second press, so a 9:00 typed for 0:90 is caught.
  const [confirmLong, setConfirmLong] = useState<number | null>(null);
  const [tool, setTool] = useState<'line' | 'week'>('line');
  const save = useMutation({
    // The name travels with the request, so a message never names whoever is chosen afterwards.
    mutationFn: ({ minutes }: { minutes: number; name: string }) =>
      post<Saved>('/hours/prestations', {
        participantId: chosen,
        date,
        minutes,
        gebruiker: { kind, reference },
        activity,
        ...(km ? { kilometres: Number(km.replace(',', '.')) } : {}),
        ...(reason.trim() ? { reason } : {}),
      }),
    onSuccess: () => {
      endDraft();
      setDuration('');
      setConfirmLong(null);
      void client.invalidateQueries({ queryKey: ['grid'] });
      void client.invalidateQueries({ queryKey: ['participant-year', chosen] });
      // The next line of the paper form is usually the same participant on another day.
      dateRef.current?.focus();
    },
  });
  const code = problemCode(save.error);
  const problemField =
    localError?.field ??
    (code && DATE_PROBLEMS.includes(code) ? 'date' : code && DURATION_PROBLEMS.includes(code) ? 'duration' : 'form');
  const hasProblem = !!localError || save.isError;
  const describe = (field: string) => (hasProblem && problemField === field ? 'entry-problem' : undefined);

  return (
    <section aria-labelledby="entry-title" className="card">
      <h2 id="entry-title">{t('entry.title')}</h2>
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const minutes = parseDuration(duration);
          if (!chosen) return setLocalError({ field: 'participant', text: t('organiser.entry.noParticipant') });
          if (!minutes) return setLocalError({ field: 'duration', text: t('entry.badDuration') });
          if (!reference.trim()) return setLocalError({ field: 'user', text: t('organiser.entry.userMissing') });
          if (!activity.trim()) return setLocalError({ field: 'activity', text: t('organiser.entry.activityMissing') });
          if (monthClosed && !reason.trim())
            return setLocalError({ field: 'reason', text: t('problems.HOURS.REASON_REQUIRED_AFTER_CLOSE') });
          setLocalError(null);
          if (minutes > CONFIRM_ABOVE_MINUTES && confirmLong !== minutes) return setConfirmLong(minutes);
          save.mutate({ minutes, name: chosenName });
        }}
      >
        <label>
          {t('entry.participant')}
          <select
            value={chosen}
            onChange={(e) => {
              typed(setParticipantId)(e.target.value);
              setConfirmLong(null);
              save.reset();
            }}
            aria-describedby={describe('participant')}
            disabled={loading}
            aria-busy={loading}
          >
            {loading && <option value="">{t('app.loading')}</option>}
            {!loading && rows.length === 0 && <option value="">{t('organiser.entry.noneThisMonth')}</option>}
            {rows.map((r) => (
              <option key={r.participantId} value={r.participantId}>
                {r.displayName}
              </option>
            ))}
          </select>
        </label>
        <DateField
          id="entry-date"
          label={t('entry.date')}
          value={date}
          onChange={typed(setDate)}
          max={today}
          inputRef={dateRef}
          describedBy={describe('date')}
        />
        <label>
          {t('entry.duration')}
          <input
            inputMode="numeric"
            placeholder="2:15"
            size={6}
            value={duration}
            onChange={(e) => {
              typed(setDuration)(e.target.value);
              setConfirmLong(null);
            }}
            aria-invalid={describe('duration') ? true : undefined}
            aria-describedby={confirmLong ? 'entry-confirm' : describe('duration')}
          />
        </label>
        <GebruikerFields
          kind={kind}
          onKind={typed(setKind)}
          reference={reference}
          onReference={typed(setReference)}
          activity={activity}
          onActivity={typed(setActivity)}
          entry={{ lists: 'entry', suggestions }}
          describe={describe}
        />
        <label>
          {t('entry.km')}
          <input inputMode="decimal" size={5} value={km} onChange={(e) => typed(setKm)(e.target.value)} />
        </label>
        {monthClosed && (
          <label className="grow">
            {t('organiser.entry.lateReason')}
            <input
              value={reason}
              onChange={(e) => typed(setReason)(e.target.value)}
              maxLength={500}
              aria-describedby={describe('reason')}
            />
          </label>
        )}
        <button type="submit" disabled={save.isPending || loading}>
          {confirmLong ? t('organiser.entry.confirmSave') : t('entry.save')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            endDraft();
            setDuration('');
            setReference('');
            setActivity('');
            setKm('');
            setReason('');
            setConfirmLong(null);
            setLocalError(null);
            save.reset();
          }}
        >
          {t('organiser.entry.cancel')}
        </button>
      </form>
      {showRestored && (
        <p role="status" className="notice">
          {t('organiser.entry.restored')}
        </p>
      )}
      {confirmLong && (
        <p role="alert" className="warning" id="entry-confirm">
          {t('organiser.entry.confirmLong', {
            duration: asDuration(confirmLong),
            name: chosenName,
            date: belgianDate(date),
          })}
        </p>
      )}
      <p className="hint">{t('organiser.entry.keyboard')}</p>
      {hasProblem && (
        <p role="alert" className="problem" id="entry-problem">
          {localError?.text ?? problemText(save.error)}
          {code === 'HOURS.MONTHLY_CAP_EXCEEDED' && save.variables?.name && ` (${save.variables.name})`}
        </p>
      )}
      {save.isSuccess && !hasProblem && (
        <p role="status" className="ok">
          {t('organiser.entry.saved', {
            duration: asDuration(save.data.prestation.minutes),
            counted: save.data.prestation.countedHours,
            name: save.variables.name,
            date: belgianDate(save.data.prestation.date),
            monthCounted: save.data.totals.monthCounted,
            remaining: save.data.totals.monthRemaining,
          })}
        </p>
      )}
      {chosen && (
        <div className="row entry-tools">
          <button
            type="button"
            className="secondary"
            aria-expanded={tool === 'week'}
            onClick={() => setTool(tool === 'week' ? 'line' : 'week')}
          >
            {t('organiser.week.toggle')}
          </button>
          <RepeatLastWeek key={chosen} participantId={chosen} name={chosenName} date={date} />
        </div>
      )}
      {chosen && tool === 'week' && (
        <WeekEntry
          key={chosen}
          participantId={chosen}
          name={chosenName}
          date={date}
          monthClosed={monthClosed}
          suggestions={suggestions}
        />
      )}
    </section>
  );
}
