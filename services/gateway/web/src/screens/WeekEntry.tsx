import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api';
import { locale } from '../i18n';
import { EntrySuggestions, lastWeekCopies, shiftDate, weekOf } from './entry-helpers';
import { asDuration, belgianDate, todayInBrussels, useProblemText } from './organiser-kit';
import { GebruikerFields } from './entry-fields';
import { parseDuration, PrestationFacts, useParticipantYear } from './Prestations';

/** One line sent to hours: saved, or refused with the problem in the user's words. */
interface Outcome {
  date: string;
  minutes: number;
  refusal: string | null;
}

/** Sends the lines one after another (each is checked against the caps that the previous one changed). */
function useSendLines(participantId: string) {
  const client = useQueryClient();
  const problemText = useProblemText();
  const [sending, setSending] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const send = async (lines: Array<PrestationFacts & { reason?: string }>) => {
    setSending(true);
    const done: Outcome[] = [];
    for (const line of lines) {
      try {
        await post('/hours/prestations', {
          participantId,
          date: line.date,
          minutes: line.minutes,
          gebruiker: line.gebruiker,
          activity: line.activity,
          ...(line.kilometres !== null ? { kilometres: line.kilometres } : {}),
          ...(line.reason ? { reason: line.reason } : {}),
        });
        done.push({ date: line.date, minutes: line.minutes, refusal: null });
      } catch (error) {
        done.push({ date: line.date, minutes: line.minutes, refusal: problemText(error) });
      }
    }
    setOutcomes(done);
    setSending(false);
    void client.invalidateQueries({ queryKey: ['grid'] });
    void client.invalidateQueries({ queryKey: ['participant-year', participantId] });
  };
  return { send, sending, outcomes, reset: () => setOutcomes(null) };
}

function Outcomes({ outcomes, name }: { outcomes: Outcome[]; name: string }) {
  const { t } = useTranslation();
  const saved = outcomes.filter((o) => !o.refusal).length;
  const refused = outcomes.filter((o) => o.refusal);
  return (
    <div role="status" className={refused.length ? 'problem' : 'ok'}>
      <p>{t('organiser.week.outcome', { saved, total: outcomes.length, name })}</p>
      {refused.length > 0 && (
        <ul>
          {refused.map((o) => (
            <li key={o.date}>
              {belgianDate(o.date)} ({asDuration(o.minutes)}): {o.refusal}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Repeat last week": shows last week's lines moved one week on, and saves them after a yes. */
export function RepeatLastWeek({ participantId, name, date }: { participantId: string; name: string; date: string }) {
  const { t } = useTranslation();
  const lastWeek = weekOf(shiftDate(date, -7));
  // Last week may straddle New Year: both years are read (one request when they are the same).
  const first = useParticipantYear(participantId, Number(lastWeek[0].slice(0, 4)));
  const last = useParticipantYear(participantId, Number(lastWeek[6].slice(0, 4)));
  const [shown, setShown] = useState(false);
  const { send, sending, outcomes, reset } = useSendLines(participantId);
  const prestations = [first.data, last.data === first.data ? undefined : last.data]
    .flatMap((y) => y?.months ?? [])
    .flatMap((m) => m.prestations);
  const copies = lastWeekCopies(prestations, date, todayInBrussels());
  const from = belgianDate(lastWeek[0]);
  return (
    <div className="repeat-week">
      <button
        type="button"
        className="secondary"
        aria-expanded={shown}
        onClick={() => {
          reset();
          setShown(!shown);
        }}
      >
        {t('organiser.week.repeat')}
      </button>
      {shown && !outcomes && (
        <div className="card inset" role="group" aria-label={t('organiser.week.repeatTitle', { name, from })}>
          {first.isPending || last.isPending ? (
            <p>{t('app.loading')}</p>
          ) : copies.length === 0 ? (
            <p>{t('organiser.week.nothingLastWeek', { name, from })}</p>
          ) : (
            <>
              <p>{t('organiser.week.repeatIntro', { count: copies.length, name, from })}</p>
              <ul>
                {copies.map((c) => (
                  <li key={`${c.date}-${c.gebruiker.reference}-${c.activity}`}>
                    {belgianDate(c.date)}: {asDuration(c.minutes)} · {c.gebruiker.reference} · {c.activity}
                  </li>
                ))}
              </ul>
              <div className="row">
                <button type="button" disabled={sending} onClick={() => void send(copies)}>
                  {t('organiser.week.repeatConfirm', { count: copies.length })}
                </button>
                <button type="button" className="secondary" onClick={() => setShown(false)}>
                  {t('organiser.week.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {outcomes && <Outcomes outcomes={outcomes} name={name} />}
    </div>
  );
}

/** Several days of one week in one go, for one gebruiker and activity (a paper timesheet's row). */
export function WeekEntry({
  participantId,
  name,
  date,
  monthClosed,
  suggestions,
}: {
  participantId: string;
  name: string;
  date: string;
  monthClosed: boolean;
  suggestions: EntrySuggestions;
}) {
  const { t } = useTranslation();
  const today = todayInBrussels();
  const days = weekOf(date);
  const [durations, setDurations] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<string>('PRIVATE_PERSON');
  const [reference, setReference] = useState('');
  const [activity, setActivity] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { send, sending, outcomes, reset } = useSendLines(participantId);
  const dayName = (day: string) =>
    new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    const filled = days.filter((day) => (durations[day] ?? '').trim());
    const unreadable = filled.filter((day) => !parseDuration(durations[day]));
    if (filled.length === 0) return setProblem(t('organiser.week.noneFilled'));
    if (unreadable.length > 0)
      return setProblem(t('organiser.week.badDurations', { days: unreadable.map(dayName).join(', ') }));
    if (!reference.trim()) return setProblem(t('organiser.entry.userMissing'));
    if (!activity.trim()) return setProblem(t('organiser.entry.activityMissing'));
    setProblem(null);
    void send(
      filled.map((day) => ({
        date: day,
        minutes: parseDuration(durations[day]) as number,
        gebruiker: { kind, reference: reference.trim() },
        activity: activity.trim(),
        kilometres: null,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })),
    ).then(() => setDurations({}));
  };

  return (
    <form
      className="card inset week-entry"
      aria-label={t('organiser.week.title', { name })}
      onSubmit={submit}
      noValidate
    >
      <h3>{t('organiser.week.title', { name })}</h3>
      <div className="row">
        {days.map((day) => (
          <label key={day}>
            {dayName(day)}
            <input
              inputMode="numeric"
              placeholder="0:00"
              size={5}
              value={durations[day] ?? ''}
              disabled={day > today}
              onChange={(e) => setDurations({ ...durations, [day]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <div className="row">
        <GebruikerFields
          kind={kind}
          onKind={setKind}
          reference={reference}
          onReference={setReference}
          activity={activity}
          onActivity={setActivity}
          entry={{ lists: 'week', suggestions }}
        />
        {monthClosed && (
          <label className="grow">
            {t('organiser.entry.lateReason')}
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <button type="submit" disabled={sending}>
          {t('organiser.week.save')}
        </button>
      </div>
      <p className="hint">{t('organiser.week.help')}</p>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {outcomes && <Outcomes outcomes={outcomes} name={name} />}
    </form>
  );
}
