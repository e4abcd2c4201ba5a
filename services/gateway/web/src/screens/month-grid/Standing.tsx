import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../i18n';
import type { GridRow } from './types';

/** The grid's target column: flagged, below target or met for a month that is over; on or behind schedule while it runs. */
export function Standing({ row, flagged }: { row: GridRow; flagged: boolean }) {
  const { t } = useTranslation();
  if (flagged) return <span className="badge flagged">{t('organiser.grid.flagged')}</span>;
  switch (row.standing.status) {
    case 'BELOW_TARGET':
      return <>{t('organiser.grid.belowBy', { count: row.targetHours - row.countedHours })}</>;
    case 'ON_TARGET':
      return <>{t('organiser.grid.onTarget')}</>;
    case 'BEHIND_SCHEDULE':
      return (
        <>
          {t('organiser.grid.behindSchedule', {
            counted: fmtNumber(row.countedHours),
            expected: fmtNumber(row.standing.expectedHours),
          })}
        </>
      );
    case 'ON_SCHEDULE':
      return <>{t('organiser.grid.onSchedule')}</>;
    default:
      return <>–</>;
  }
}
