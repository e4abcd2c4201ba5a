import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHead } from '../../lib/TableHead';
import { fmtNumber } from '../../i18n';
import { Barriers } from '../Barriers';
import type { MonthClose } from './month-close';

/** A closed month's lines, flagged first, each flagged one with its barriers to record. */
export function CloseResults({
  closed,
  month,
  nameOf,
}: {
  closed: MonthClose;
  month: string;
  nameOf: (participantId: string) => string;
}) {
  const { t } = useTranslation();
  const [barriersFor, setBarriersFor] = useState<string | null>(null);
  return (
    <div className="table-scroll">
      <table>
        <caption>{t('organiser.close.resultsCaption')}</caption>
        <TableHead
          columns={[
            { header: t('grid.participant') },
            { header: t('grid.counted'), numeric: true },
            { header: t('grid.target'), numeric: true },
            { header: t('organiser.close.monthsBelow') },
            { header: t('grid.flag') },
            { header: t('organiser.close.barriers') },
          ]}
        />
        <tbody>
          {[...closed.results]
            .sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.countedHours - b.countedHours)
            .map((r) => (
              <Fragment key={r.participantId}>
                <tr>
                  <th scope="row">{nameOf(r.participantId)}</th>
                  <td className="num">{fmtNumber(r.countedHours)}</td>
                  <td className="num">{fmtNumber(r.targetHours)}</td>
                  <td>
                    {r.belowTarget ? t('organiser.close.inARow', { count: r.consecutiveMonthsBelow }) : '–'}
                    {r.fallingTrend && <span className="badge">{t('organiser.close.falling')}</span>}
                  </td>
                  <td>
                    {r.flagged ? (
                      <span className="badge flagged">{t('organiser.grid.flagged')}</span>
                    ) : (
                      t('organiser.close.notFlagged')
                    )}
                  </td>
                  <td>
                    {r.flagged && (
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={barriersFor === r.participantId}
                        onClick={() => setBarriersFor(barriersFor === r.participantId ? null : r.participantId)}
                      >
                        {t('organiser.close.recordBarriers', { name: nameOf(r.participantId) })}
                      </button>
                    )}
                  </td>
                </tr>
                {barriersFor === r.participantId && (
                  <tr className="detail">
                    <td colSpan={6}>
                      <Barriers
                        participantId={r.participantId}
                        name={nameOf(r.participantId)}
                        month={month}
                        onDone={() => setBarriersFor(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
        </tbody>
      </table>
    </div>
  );
}
