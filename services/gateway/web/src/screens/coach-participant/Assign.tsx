import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, post } from '../../api';
import { fmtDate } from '../../i18n';
import { nameLookup } from '../../lib/names';
import { Loading } from '../../lib/ScreenState';
import { ProblemMessage } from '../../ProblemMessage';
import {
  AssignmentSummary,
  Catalogue,
  GroupSession,
  ModalitySuggestion,
  PeerSuggestion,
  useCompetencyName,
  useRoster,
} from '../coach-kit';
import { CompetencyChoice } from '../coach-fields';
import { today } from '../insight-kit';
import { Assigned } from './Assigned';

/** The suggested modalities, and assigning a peer coach, a one-on-one or a place in a group session. */
export function Assign({
  participantId,
  organisationId,
  catalogue,
  below,
  active,
  peerOf,
  onAssigned,
}: {
  participantId: string;
  organisationId: string;
  catalogue: Catalogue;
  below: string[];
  /** The participant's running coaching: suggestions leave out what is assigned already. */
  active: AssignmentSummary[];
  /** The other person of the participant's running peer pair, when there is one. */
  peerOf: string | null;
  onAssigned: () => void;
}) {
  const roster = useRoster();
  const personName = nameLookup((roster.data ?? []).map((p) => ({ id: p.participantId, displayName: p.displayName })));
  const { t, i18n } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const base = `/coaching/participants/${participantId}`;
  const suggestions = useQuery({
    queryKey: ['coach', 'modality', participantId],
    queryFn: () => api<{ suggestions: ModalitySuggestion[] }>(`${base}/modality-suggestions`),
  });
  const peers = useQuery({
    queryKey: ['coach', 'peers', participantId],
    queryFn: () => api<{ competencyCodes: string[]; suggestions: PeerSuggestion[] }>(`${base}/peer-suggestions`),
  });
  const sessions = useQuery({
    queryKey: ['coach', 'group-sessions', organisationId],
    queryFn: () => api<GroupSession[]>(`/coaching/group-sessions?organisationId=${encodeURIComponent(organisationId)}`),
  });
  const [codes, setCodes] = useState<string[] | null>(null);
  const chosen = codes ?? below;
  const [sessionId, setSessionId] = useState('');
  // Where the last assignment was made: its confirmation shows there, in view.
  const [where, setWhere] = useState<'PEER' | 'ONE_ON_ONE' | 'GROUP'>('ONE_ON_ONE');
  const assign = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown; where: 'PEER' | 'ONE_ON_ONE' | 'GROUP' }) =>
      post(path, body),
    onMutate: (variables) => setWhere(variables.where),
    onSuccess: onAssigned,
  });
  const covered = (modality: string, codes: string[]) =>
    active.some(
      (a) => a.modality === modality && (codes.length === 0 || codes.every((c) => a.competencyCodes.includes(c))),
    );
  const openSuggestions = (suggestions.data?.suggestions ?? []).filter((s) => !covered(s.modality, s.competencyCodes));
  const hasPeer = active.some((a) => a.modality === 'PEER');
  const outcome = (here: 'PEER' | 'ONE_ON_ONE' | 'GROUP') =>
    where === here ? (
      <>
        {assign.isSuccess && <Assigned />}
        <ProblemMessage error={assign.error} />
      </>
    ) : null;
  const planned = (sessions.data ?? []).filter((s) => s.status === 'PLANNED' && s.date >= today());
  const modalityName = (m: string) => t(`coach.modalities.${m}`);
  return (
    <section aria-labelledby="assign-title">
      <h2 id="assign-title">{t('coach.assign')}</h2>
      <h3>{t('coach.suggestions')}</h3>
      <ProblemMessage error={suggestions.error} />
      {suggestions.isPending && <Loading />}
      {suggestions.data && openSuggestions.length === 0 && <p>{t('coach.noSuggestions')}</p>}
      <ul className="suggestions">
        {openSuggestions.map((s) => (
          <li key={s.modality}>
            <strong>
              {modalityName(s.modality)}
              {s.addOn ? ` (${t('coach.addOn')})` : ''}
            </strong>
            {s.competencyCodes.length > 0 && <> – {s.competencyCodes.map(nameOf).join(', ')}</>}
            <p>{i18n.language === 'en' ? s.reasonEn : s.reason}</p>
          </li>
        ))}
      </ul>
      <p className="hint">{t('coach.youDecide')}</p>

      <div className="cards">
        <section className="card" aria-labelledby="assign-peer">
          <h3 id="assign-peer">{modalityName('PEER')}</h3>
          <ProblemMessage error={peers.error} />
          {hasPeer && <p>{t('coach.peerAlready', { name: peerOf ?? t('coach.aPeer') })}</p>}
          {!hasPeer && peers.isPending && <Loading />}
          {!hasPeer && peers.data && peers.data.suggestions.length === 0 && <p>{t('coach.noPeers')}</p>}
          {!hasPeer && peers.data && peers.data.suggestions.length > 0 && (
            <>
              <p>{t('coach.peersFor', { names: peers.data.competencyCodes.map(nameOf).join(', ') })}</p>
              <ol className="peers">
                {peers.data.suggestions.map((peer) => (
                  <li key={peer.participantId}>
                    <strong>{personName(peer.participantId, peer.displayName)}</strong>{' '}
                    <span className="hint">{t('coach.peerLoad', { count: peer.activeCoachees })}</span>
                    <ul>
                      {peer.reasons.map((reason, i) => (
                        <li key={i}>
                          {reason.code === 'RATED_AT_OR_ABOVE_TARGET'
                            ? t('coach.peerReason.RATED_AT_OR_ABOVE_TARGET', {
                                name: nameOf(reason.competencyCode),
                                level: reason.level,
                                target: reason.targetLevel,
                              })
                            : t(`coach.peerReason.${reason.code}`, reason)}
                        </li>
                      ))}
                    </ul>
                    <button
                      type="button"
                      disabled={assign.isPending}
                      onClick={() =>
                        assign.mutate({
                          where: 'PEER',
                          path: '/coaching/peer-pairs',
                          body: {
                            peerCoachId: peer.participantId,
                            coacheeId: participantId,
                            competencyCodes: peers.data.competencyCodes,
                          },
                        })
                      }
                    >
                      {t('coach.pairWith', { name: personName(peer.participantId, peer.displayName) })}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
          {outcome('PEER')}
        </section>
        <section className="card" aria-labelledby="assign-one">
          <h3 id="assign-one">{modalityName('ONE_ON_ONE')}</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen.length > 0)
                assign.mutate({
                  where: 'ONE_ON_ONE',
                  path: '/coaching/one-on-ones',
                  body: { participantId, competencyCodes: chosen },
                });
            }}
          >
            <CompetencyChoice
              catalogue={catalogue}
              chosen={chosen}
              onChange={setCodes}
              legend={t('coach.onCompetencies')}
            />
            <button type="submit" disabled={assign.isPending || chosen.length === 0}>
              {t('coach.startOneOnOne')}
            </button>
          </form>
          {outcome('ONE_ON_ONE')}
        </section>
        <section className="card" aria-labelledby="assign-group">
          <h3 id="assign-group">{modalityName('GROUP')}</h3>
          {sessions.isSuccess && planned.length === 0 && (
            <p>
              {t('coach.noPlannedSessions')} <Link to="/coach/group-sessions">{t('coach.planSession')}</Link>
            </p>
          )}
          {planned.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (sessionId)
                  assign.mutate({
                    where: 'GROUP',
                    path: `/coaching/group-sessions/${sessionId}/enrolments`,
                    body: { participantId },
                  });
              }}
            >
              <label>
                {t('coach.session')}
                <select required value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
                  <option value="">{t('coach.chooseSession')}</option>
                  {planned.map((s) => (
                    <option key={s.id} value={s.id}>
                      {fmtDate(s.date)} {s.startTime} – {s.title} ({s.competencyCodes.map(nameOf).join(', ')})
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={assign.isPending || !sessionId}>
                {t('coach.enrol')}
              </button>
            </form>
          )}
          {outcome('GROUP')}
        </section>
      </div>
    </section>
  );
}
