import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHead } from '../../lib/TableHead';
import { Link } from 'react-router-dom';
import { fmtMonth, fmtNumber } from '../../i18n';
import { capState } from '../organiser-rules';
import { MonthPrestations } from '../Prestations';
import type { MonthResult } from './month-close';
import { Standing } from './Standing';
import type { GridRow } from './types';

/** The month's participants with their hours against the caps and the target; a name opens their prestations. */
export function GridTable({
  rows,
  month,
  monthClosed,
  resultOf,
  hidden,
  busy,
}: {
  rows: GridRow[];
  month: string;
  monthClosed: boolean;
  /** The closed month's line per participant. */
  resultOf: Map<string, MonthResult>;
  hidden: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="table-scroll" hidden={hidden}>
      <table className="grid" aria-busy={busy}>
        <caption className="visually-hidden">
          {t('grid.title')} – {fmtMonth(month)}
        </caption>
        <TableHead
          columns={[
            { header: t('grid.participant') },
            { header: t('grid.counted'), numeric: true },
            { header: t('grid.monthRemaining'), numeric: true },
            { header: t('grid.yearRemaining'), numeric: true },
            { header: t('grid.target'), numeric: true },
            { header: t('grid.flag') },
          ]}
        />
        <tbody>
          {rows.map((r) => {
            const state = capState(r.monthRemaining);
            const result = resultOf.get(r.participantId);
            const isOpen = open === r.participantId;
            return (
              <Fragment key={r.participantId}>
                <tr className={state === 'ok' ? undefined : `cap-${state}`} data-testid={`row-${r.participantId}`}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link"
                      aria-expanded={isOpen}
                      aria-controls={`detail-${r.participantId}`}
                      onClick={() => setOpen(isOpen ? null : r.participantId)}
                    >
                      {r.displayName}
                    </button>
                  </th>
                  <td className="num">
                    <span className="meter" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, (r.countedHours / 60) * 100)}%` }} />
                    </span>
                    {fmtNumber(r.countedHours)}
                  </td>
                  <td className="num">
                    {fmtNumber(r.monthRemaining)}
                    {state !== 'ok' && <span className="cap-text"> {t(`organiser.grid.cap.${state}`)}</span>}
                  </td>
                  <td className="num">{fmtNumber(r.yearRemaining)}</td>
                  <td className="num">{fmtNumber(r.targetHours)}</td>
                  <td data-testid={`standing-${r.participantId}`}>
                    <Standing row={r} flagged={result?.flagged ?? r.flagged === true} />
                  </td>
                </tr>
                {isOpen && (
                  <tr className="detail">
                    <td colSpan={6} id={`detail-${r.participantId}`}>
                      <MonthPrestations
                        participantId={r.participantId}
                        name={r.displayName}
                        month={month}
                        monthClosed={monthClosed}
                      />
                      <p>
                        <Link to={`/organiser/participants/${r.participantId}`}>
                          {t('organiser.grid.toParticipant', { name: r.displayName })}
                        </Link>
                      </p>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
