import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Me } from '../App';
import { Empty, Failed, Loading } from '../lib/ScreenState';
import { belgianDate, useOrganisationName } from './organiser-kit';
import type { ParticipantDetail } from './Participant';

const PAGE = 50;

/** Everyone enrolled in the organiser's organisations, also those not started yet (who are not in the grid). */
export function Participants({ me }: { me: Me }) {
  const { t } = useTranslation();
  const nameOf = useOrganisationName();
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState('');
  const list = useQuery({
    queryKey: ['participants', offset],
    queryFn: () =>
      api<{ items: ParticipantDetail[]; total: number }>(`/flow-through/participants?limit=${PAGE}&offset=${offset}`),
  });
  const needle = filter.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (p) => !needle || `${p.firstName} ${p.lastName}`.toLowerCase().includes(needle),
  );
  const total = list.data?.total ?? 0;
  return (
    <>
      <h1>{t('organiser.participants.title')}</h1>
      <form className="row toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('organiser.participants.filter')}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <Link className="button" to="/organiser/enrol">
          {t('organiser.participants.enrol')}
        </Link>
      </form>
      {list.isError && <Failed error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && <Loading what={t('organiser.participants.title')} />}
      <div className="table-scroll" hidden={!list.isSuccess || items.length === 0}>
        <table>
          <caption className="visually-hidden">{t('organiser.participants.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organiser.participants.name')}</th>
              <th scope="col">{t('organiser.participants.status')}</th>
              <th scope="col">{t('organiser.participants.enrolledOn')}</th>
              <th scope="col">{t('organiser.participants.startedOn')}</th>
              {me.organisationIds.length > 1 && <th scope="col">{t('organiser.organisation')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((p) => {
              const trajectory = p.trajectories.at(-1);
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/organiser/participants/${p.id}`}>
                      {p.anonymisedAt ? t('organiser.participant.erased') : `${p.firstName} ${p.lastName}`}
                    </Link>
                  </th>
                  <td>{trajectory ? t(`organiser.status.${trajectory.status}`) : '–'}</td>
                  <td>{belgianDate(p.enrolledOn)}</td>
                  <td>{trajectory?.startedOn ? belgianDate(trajectory.startedOn) : '–'}</td>
                  {me.organisationIds.length > 1 && <td>{nameOf(p.organisationId)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {list.isSuccess && items.length === 0 && <Empty>{t('organiser.participants.none')}</Empty>}
      {total > PAGE && (
        <nav aria-label={t('organiser.participants.pages')} className="row">
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            ← {t('organiser.participants.previous')}
          </button>
          <span>
            {t('organiser.participants.range', {
              from: offset + 1,
              to: Math.min(total, offset + PAGE),
              total,
            })}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('organiser.participants.next')} →
          </button>
        </nav>
      )}
    </>
  );
}
