import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHead } from '../../lib/TableHead';
import { currentMonth, fmtMonth, fmtNumber } from '../../i18n';
import { useMonthClose } from '../month-grid/month-close';
import { Problem } from '../organiser-kit';
import { MonthPrestations, useParticipantYear } from '../Prestations';

/** The participant's hours of a year, month by month against the caps and target, and a month's prestations. */
export function HoursSection({ participantId, organisationId }: { participantId: string; organisationId: string }) {
  const { t } = useTranslation();
  const thisMonth = currentMonth();
  const [year, setYear] = useState(Number(thisMonth.slice(0, 4)));
  const [month, setMonth] = useState(thisMonth);
  const hours = useParticipantYear(participantId, year);
  const close = useMonthClose(organisationId, month);
  const months = (hours.data?.months ?? []).filter((m) => m.month <= thisMonth);
  return (
    <section aria-labelledby="hours-title" className="card">
      <h2 id="hours-title">{t('organiser.participant.hoursTitle', { year })}</h2>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setYear(year - 1)}>
          ← {year - 1}
        </button>
        {year < Number(thisMonth.slice(0, 4)) && (
          <button type="button" className="secondary" onClick={() => setYear(year + 1)}>
            {year + 1} →
          </button>
        )}
      </div>
      {hours.isError && <Problem error={hours.error} />}
      {hours.data && (
        <p>
          {t('organiser.participant.yearSummary', {
            counted: fmtNumber(hours.data.yearCounted),
            remaining: fmtNumber(hours.data.yearRemaining),
          })}
        </p>
      )}
      {months.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('organiser.participant.hoursTitle', { year })}</caption>
            <TableHead
              columns={[
                { header: t('organiser.participant.month') },
                { header: t('grid.counted'), numeric: true },
                { header: t('grid.monthRemaining'), numeric: true },
                { header: t('organiser.participant.prestationCount'), numeric: true },
                { header: t('organiser.participant.standing') },
              ]}
            />
            <tbody>
              {months
                .filter((m) => m.prestations.length > 0 || m.month === thisMonth)
                .map((m) => (
                  <tr key={m.month} className={m.month === month ? 'selected' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link"
                        aria-pressed={m.month === month}
                        onClick={() => setMonth(m.month)}
                      >
                        {fmtMonth(m.month)}
                      </button>
                    </th>
                    <td className="num">{fmtNumber(m.countedHours)}</td>
                    <td className="num">{fmtNumber(m.monthRemaining)}</td>
                    <td className="num">{fmtNumber(m.prestations.filter((p) => !p.deleted).length)}</td>
                    <td data-testid={`standing-${m.month}`}>
                      {m.flagged ? (
                        <span className="badge flagged">{t('organiser.grid.flagged')}</span>
                      ) : (
                        t(`organiser.participant.standingOf.${m.standing.status}`, {
                          target: fmtNumber(m.targetHours),
                          expected: fmtNumber(m.standing.expectedHours),
                        })
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {month.startsWith(String(year)) && (
        <MonthPrestations participantId={participantId} month={month} monthClosed={!!close.data} />
      )}
    </section>
  );
}
