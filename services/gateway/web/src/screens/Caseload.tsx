import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Me } from '../App';
import { ProblemMessage } from '../ProblemMessage';

type Gap = Record<string, unknown> & { participantId?: string; competencyId?: string; status?: string };

/** The coach's organisations and their participants' open coaching gaps. */
export function Caseload({ me }: { me: Me }) {
  const { t } = useTranslation();
  const results = useQueries({
    queries: me.organisationIds.map((id) => ({
      queryKey: ['gaps', id],
      queryFn: () => api<Gap[] | { items: Gap[] }>(`/coaching/organisations/${id}/gaps`),
    })),
  });
  return (
    <>
      <h1>{t('caseload.title')}</h1>
      {me.organisationIds.map((id, i) => {
        const data = results[i]?.data;
        const gaps = Array.isArray(data) ? data : (data?.items ?? []);
        return (
          <section key={id} className="card" aria-labelledby={`org-${id}`}>
            <h2 id={`org-${id}`}>
              {t('caseload.organisation')} {id} – {t('caseload.gaps')}
            </h2>
            <ProblemMessage error={results[i]?.error} />
            {results[i]?.isSuccess && gaps.length === 0 && <p>{t('caseload.noGaps')}</p>}
            {gaps.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('caseload.participant')}</th>
                    <th scope="col">{t('caseload.gaps')}</th>
                  </tr>
                </thead>
                <tbody>
                  {gaps.map((g, j) => (
                    <tr key={j}>
                      <td>{String(g.participantId ?? '')}</td>
                      <td>{String(g.competencyId ?? g.status ?? '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}
