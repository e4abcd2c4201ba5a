import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api';
import type { Me } from '../App';
import { currentMonth, fmtMonth, fmtNumber, shiftMonth } from '../i18n';
import { ProblemMessage } from '../ProblemMessage';

interface GridRow {
  participantId: string;
  displayName: string;
  countedHours: number;
  monthRemaining: number;
  yearCounted: number;
  yearRemaining: number;
  targetHours: number;
}

const KINDS = ['PRIVATE_PERSON', 'SCHOOL', 'LOCAL_GOVERNMENT', 'NON_PROFIT', 'AGRICULTURE'] as const;

/** A colour as the 60-hour cap nears. */
const capClass = (row: GridRow) =>
  row.monthRemaining <= 0 ? 'cap-full' : row.monthRemaining <= 10 ? 'cap-near' : 'cap-ok';

/** "2:15" → 135 minutes; undefined when it is not h:mm. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,2})(?::([0-5]\d))?$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2] ?? 0);
  return minutes > 0 ? minutes : undefined;
}

export function MonthGrid({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [organisationId, setOrganisationId] = useState(me.organisationIds[0] ?? '');
  const [month, setMonth] = useState(currentMonth());
  const grid = useQuery({
    queryKey: ['grid', organisationId, month],
    queryFn: () => api<GridRow[]>(`/hours/organisations/${organisationId}/months/${month}`),
    enabled: !!organisationId,
  });
  const close = useMutation({
    mutationFn: () => post<Record<string, unknown>>(`/hours/organisations/${organisationId}/months/${month}/close`, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['grid'] }),
  });
  const rows = grid.data ?? [];

  return (
    <>
      <h1>
        {t('grid.title')} – {fmtMonth(month)}
      </h1>
      <form className="row" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('grid.organisation')}
          <select value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            {me.organisationIds.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => setMonth(shiftMonth(month, -1))}>
          ← {t('grid.prev')}
        </button>
        <button type="button" className="secondary" onClick={() => setMonth(shiftMonth(month, 1))}>
          {t('grid.next')} →
        </button>
      </form>
      <PrestationEntry rows={rows} month={month} />
      <ProblemMessage error={grid.error} />
      <table>
        <caption className="skip">{t('grid.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grid.participant')}</th>
            <th scope="col" className="num">
              {t('grid.counted')}
            </th>
            <th scope="col" className="num">
              {t('grid.monthRemaining')}
            </th>
            <th scope="col" className="num">
              {t('grid.yearRemaining')}
            </th>
            <th scope="col" className="num">
              {t('grid.target')}
            </th>
            <th scope="col">{t('grid.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.participantId} className={capClass(r)} data-testid={`row-${r.participantId}`}>
              <th scope="row">{r.displayName}</th>
              <td className="num">{fmtNumber(r.countedHours)}</td>
              <td className="num">{fmtNumber(r.monthRemaining)}</td>
              <td className="num">{fmtNumber(r.yearRemaining)}</td>
              <td className="num">{fmtNumber(r.targetHours)}</td>
              <td>{r.countedHours < r.targetHours ? t('grid.low') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {grid.isSuccess && rows.length === 0 && <p>{t('grid.empty')}</p>}
      <button type="button" onClick={() => close.mutate()} disabled={close.isPending || !organisationId}>
        {t('grid.close')}
      </button>
      <ProblemMessage error={close.error} />
      {close.isSuccess && (
        <p role="status" className="ok">
          {t('grid.closed', {
            count: Array.isArray(close.data?.participants) ? close.data.participants.length : rows.length,
            flagged: Array.isArray(close.data?.flagged) ? close.data.flagged.length : 0,
          })}
        </p>
      )}
    </>
  );
}

function PrestationEntry({ rows, month }: { rows: GridRow[]; month: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [participantId, setParticipantId] = useState('');
  const [date, setDate] = useState(`${month}-01`);
  const [duration, setDuration] = useState('');
  const [kind, setKind] = useState<string>('PRIVATE_PERSON');
  const [reference, setReference] = useState('');
  const [activity, setActivity] = useState('');
  const [km, setKm] = useState('');
  const [localError, setLocalError] = useState('');
  const chosen = participantId || rows[0]?.participantId || '';
  const save = useMutation({
    mutationFn: (minutes: number) =>
      post('/hours/prestations', {
        participantId: chosen,
        date,
        minutes,
        gebruiker: { kind, reference },
        activity,
        ...(km ? { kilometres: Number(km) } : {}),
      }),
    onSuccess: () => {
      setDuration('');
      void client.invalidateQueries({ queryKey: ['grid'] });
    },
  });
  return (
    <section aria-labelledby="entry-title" className="card">
      <h2 id="entry-title">{t('entry.title')}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const minutes = parseDuration(duration);
          if (!minutes) return setLocalError(t('entry.badDuration'));
          setLocalError('');
          save.mutate(minutes);
        }}
      >
        <label>
          {t('entry.participant')}
          <select value={chosen} onChange={(e) => setParticipantId(e.target.value)} required>
            {rows.map((r) => (
              <option key={r.participantId} value={r.participantId}>
                {r.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('entry.date')}
          <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('entry.duration')}
          <input
            required
            inputMode="numeric"
            placeholder="2:15"
            size={6}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
          />
        </label>
        <label>
          {t('entry.userKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('entry.user')}
          <input required value={reference} onChange={(e) => setReference(e.target.value)} />
        </label>
        <label>
          {t('entry.activity')}
          <input required value={activity} onChange={(e) => setActivity(e.target.value)} />
        </label>
        <label>
          {t('entry.km')}
          <input type="number" min={0} size={5} value={km} onChange={(e) => setKm(e.target.value)} />
        </label>
        <button type="submit" disabled={save.isPending}>
          {t('entry.save')}
        </button>
      </form>
      {localError && (
        <p role="alert" className="problem">
          {localError}
        </p>
      )}
      <ProblemMessage error={save.error} />
      {save.isSuccess && (
        <p role="status" className="ok">
          {t('entry.saved')}
        </p>
      )}
    </section>
  );
}
