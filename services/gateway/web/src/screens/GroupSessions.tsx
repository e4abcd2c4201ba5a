import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, post } from '../api';
import type { Me } from '../App';
import { fmtDate } from '../i18n';
import { nameLookup } from '../lib/names';
import { ProblemMessage } from '../ProblemMessage';
import { Catalogue, GroupSession, useCatalogue, useCompetencyName, useRoster } from './coach-kit';
import { today, useOrganisationNameOf } from './insight-kit';
import { SessionCalendar } from './SessionCalendar';

function useSessions() {
  return useQuery({
    queryKey: ['coach', 'group-sessions'],
    queryFn: () => api<GroupSession[]>('/coaching/group-sessions'),
  });
}

function PlanForm({ me, onPlanned }: { me: Me; onPlanned: (id: string) => void }) {
  const { t } = useTranslation();
  const nameOfOrganisation = useOrganisationNameOf();
  const [organisationId, setOrganisationId] = useState(me.organisationIds[0] ?? '');
  const catalogue = useCatalogue(organisationId);
  const nameOf = useCompetencyName(catalogue.data);
  const blank = {
    title: '',
    date: today(),
    startTime: '09:30',
    endTime: '12:00',
    place: '',
    trainer: '',
    capacity: '12',
  };
  const [form, setForm] = useState(blank);
  const [codes, setCodes] = useState<string[]>([]);
  const plan = useMutation({
    mutationFn: () =>
      post<GroupSession>('/coaching/group-sessions', {
        organisationId,
        ...form,
        capacity: Number(form.capacity),
        competencyCodes: codes,
      }),
    onSuccess: (session) => {
      setForm(blank);
      setCodes([]);
      onPlanned(session.id);
    },
  });
  const field = (key: keyof typeof form, type = 'text') => (
    <label>
      {t(`coach.sessionFields.${key}`)}
      <input
        type={type}
        required
        value={form[key]}
        min={type === 'number' ? 1 : undefined}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (codes.length > 0) plan.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="plan-title" className="card">
      <h2 id="plan-title">{t('coach.planSession')}</h2>
      <div className="row">
        {me.organisationIds.length > 1 && (
          <label>
            {t('coach.organisation')}
            <select value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
              {me.organisationIds.map((id) => (
                <option key={id} value={id}>
                  {nameOfOrganisation(id)}
                </option>
              ))}
            </select>
          </label>
        )}
        {field('title')}
        {field('date', 'date')}
        {field('startTime', 'time')}
        {field('endTime', 'time')}
        {field('place')}
        {field('trainer')}
        {field('capacity', 'number')}
      </div>
      <fieldset className="choices">
        <legend>{t('coach.onCompetencies')}</legend>
        {(catalogue.data?.competencies ?? []).map((c) => (
          <label key={c.code} className="inline">
            <input
              type="checkbox"
              checked={codes.includes(c.code)}
              onChange={(e) => setCodes(e.target.checked ? [...codes, c.code] : codes.filter((x) => x !== c.code))}
            />{' '}
            {nameOf(c.code)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={plan.isPending}>
        {t('coach.planSession')}
      </button>
      {codes.length === 0 && <p className="hint">{t('coach.chooseCompetency')}</p>}
      <ProblemMessage error={plan.error} />
    </form>
  );
}

/** The group-session calendar: sessions by date, planning one, and the chosen session's attendance and ratings. */
export function GroupSessions({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const sessions = useSessions();
  const client = useQueryClient();
  return (
    <>
      <h1>{t('coach.groupSessions')}</h1>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('coach.calendar')}</h2>
        <ProblemMessage error={sessions.error} />
        {sessions.isSuccess && sessions.data.length === 0 && <p>{t('coach.noSessions')}</p>}
        {sessions.data && <SessionCalendar sessions={sessions.data} selectedId={id} />}
      </section>
      {id && <SessionDetail id={id} />}
      <PlanForm
        me={me}
        onPlanned={(planned) => {
          void client.invalidateQueries({ queryKey: ['coach', 'group-sessions'] });
          navigate(`/coach/group-sessions/${planned}`);
        }}
      />
    </>
  );
}

function SessionDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useQuery({
    queryKey: ['coach', 'group-sessions', 'one', id],
    queryFn: () => api<GroupSession>(`/coaching/group-sessions/${id}`),
  });
  const roster = useRoster();
  const catalogue = useCatalogue(session.data?.organisationId);
  const nameOf = nameLookup((roster.data ?? []).map((p) => ({ id: p.participantId, displayName: p.displayName })));
  const competencyName = useCompetencyName(catalogue.data);
  const refresh = () => void client.invalidateQueries({ queryKey: ['coach'] });
  const [newParticipant, setNewParticipant] = useState('');
  const enrol = useMutation({
    mutationFn: () => post(`/coaching/group-sessions/${id}/enrolments`, { participantId: newParticipant }),
    onSuccess: () => {
      setNewParticipant('');
      refresh();
    },
  });
  const s = session.data;
  if (!s) return <ProblemMessage error={session.error} />;
  const active = [
    ...s.enrolments,
    ...s.waitingList.map((participantId) => ({ participantId, status: 'WAITING' as const, attended: null })),
  ];
  const candidates = (roster.data ?? []).filter(
    (p) => p.organisationId === s.organisationId && !active.some((e) => e.participantId === p.participantId),
  );
  return (
    <section aria-labelledby="session-title" className="card">
      <h2 id="session-title">
        {s.title} – {fmtDate(s.date)} {s.startTime}–{s.endTime}
      </h2>
      <p>
        {s.place} · {t('coach.trainer')}: {s.trainer} · {s.competencyCodes.map(competencyName).join(', ')}
      </p>
      <h3>{t('coach.enrolments')}</h3>
      {active.length === 0 && <p>{t('coach.noEnrolments')}</p>}
      <ul>
        {active.map((e) => (
          <li key={e.participantId}>
            {nameOf(e.participantId)} – {t(`coach.enrolmentStatus.${e.status}`)}
            {e.attended !== null && ` · ${e.attended ? t('coach.attended') : t('coach.absent')}`}
          </li>
        ))}
      </ul>
      {s.status === 'PLANNED' && candidates.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (newParticipant) enrol.mutate();
          }}
        >
          <label>
            {t('coach.participant')}
            <select required value={newParticipant} onChange={(e) => setNewParticipant(e.target.value)}>
              <option value="">{t('coach.chooseParticipant')}</option>
              {candidates.map((p) => (
                <option key={p.participantId} value={p.participantId}>
                  {nameOf(p.participantId)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={enrol.isPending}>
            {t('coach.enrol')}
          </button>
        </form>
      )}
      <ProblemMessage error={enrol.error} />
      {s.status === 'PLANNED' && s.enrolments.length > 0 && (
        <Attendance session={s} nameOf={nameOf} onSaved={refresh} />
      )}
      {catalogue.data && s.enrolments.some((e) => e.attended) && (
        <BulkRating session={s} catalogue={catalogue.data} nameOf={nameOf} onSaved={refresh} />
      )}
    </section>
  );
}

function Attendance({
  session,
  nameOf,
  onSaved,
}: {
  session: GroupSession;
  nameOf: (id: string) => string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const enrolled = session.enrolments.filter((e) => e.status === 'ENROLLED');
  const [present, setPresent] = useState<string[]>(enrolled.filter((e) => e.attended).map((e) => e.participantId));
  const save = useMutation({
    mutationFn: () =>
      post(`/coaching/group-sessions/${session.id}/attendance`, { attendedParticipantIds: present }, 'PUT'),
    onSuccess: onSaved,
  });
  const notYet = session.date > today();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="choices">
        <legend>{t('coach.attendance')}</legend>
        {enrolled.map((e) => (
          <label key={e.participantId} className="inline">
            <input
              type="checkbox"
              checked={present.includes(e.participantId)}
              onChange={(ev) =>
                setPresent(
                  ev.target.checked ? [...present, e.participantId] : present.filter((x) => x !== e.participantId),
                )
              }
            />{' '}
            {nameOf(e.participantId)}
          </label>
        ))}
      </fieldset>
      {notYet && <p className="hint">{t('coach.attendanceLater')}</p>}
      <button type="submit" disabled={save.isPending}>
        {t('coach.saveAttendance')}
      </button>
      {save.isSuccess && (
        <p className="ok" role="status">
          {t('coach.attendanceSaved')}
        </p>
      )}
      <ProblemMessage error={save.error} />
    </form>
  );
}

/** All attendees on the session's competencies in one go. */
function BulkRating({
  session,
  catalogue,
  nameOf,
  onSaved,
}: {
  session: GroupSession;
  catalogue: Catalogue;
  nameOf: (id: string) => string;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const competencyName = useCompetencyName(catalogue);
  const attendees = session.enrolments.filter((e) => e.attended).map((e) => e.participantId);
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [assessedOn, setAssessedOn] = useState(session.date <= today() ? session.date : today());
  const entries = attendees
    .map((participantId) => ({
      participantId,
      ratings: session.competencyCodes
        .filter((code) => levels[`${participantId}:${code}`])
        .map((code) => ({ competencyCode: code, level: Number(levels[`${participantId}:${code}`]) })),
    }))
    .filter((entry) => entry.ratings.length > 0);
  const save = useMutation({
    mutationFn: () => post(`/coaching/group-sessions/${session.id}/ratings`, { assessedOn, entries }),
    onSuccess: () => {
      setLevels({});
      onSaved();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (entries.length > 0) save.mutate();
      }}
      aria-labelledby="bulk-title"
    >
      <h3 id="bulk-title">{t('coach.bulkRating')}</h3>
      <div className="row">
        <label>
          {t('coach.assessedOn')}
          <input
            type="date"
            required
            value={assessedOn}
            max={today()}
            onChange={(e) => setAssessedOn(e.target.value)}
          />
        </label>
      </div>
      <div className="table-scroll" role="region" aria-label={t('coach.bulkRating')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coach.participant')}</th>
              {session.competencyCodes.map((code) => (
                <th key={code} scope="col">
                  {competencyName(code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {attendees.map((participantId) => (
              <tr key={participantId}>
                <th scope="row">{nameOf(participantId)}</th>
                {session.competencyCodes.map((code) => (
                  <td key={code}>
                    <select
                      aria-label={t('coach.levelOf', { name: nameOf(participantId), competency: competencyName(code) })}
                      value={levels[`${participantId}:${code}`] ?? ''}
                      onChange={(e) => setLevels({ ...levels, [`${participantId}:${code}`]: e.target.value })}
                    >
                      <option value="">{t('coach.notRated')}</option>
                      {catalogue.scale.map((s) => (
                        <option key={s.level} value={s.level}>
                          {s.level} – {i18n.language === 'en' ? s.en : s.nl}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" disabled={save.isPending || entries.length === 0}>
        {t('coach.saveBulk', { count: entries.length })}
      </button>
      {save.isSuccess && (
        <p className="ok" role="status">
          {t('coach.assessmentSaved')}
        </p>
      )}
      <ProblemMessage error={save.error} />
    </form>
  );
}
