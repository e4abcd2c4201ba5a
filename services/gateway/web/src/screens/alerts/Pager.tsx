import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../i18n';

/** Previous and next page around the range of the rows shown ("1–50 van 296"). */
export function Pager({
  page,
  first,
  last,
  total,
  loadingPage,
  onPage,
}: {
  page: number;
  first: number;
  last: number;
  total: number;
  /** The next page is on its way: the buttons wait for it. */
  loadingPage: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="row pager" aria-label={t('alerts.paging')} style={{ alignItems: 'center' }}>
      <button type="button" className="secondary" disabled={page === 0 || loadingPage} onClick={() => onPage(page - 1)}>
        {t('alerts.previous')}
      </button>
      <span aria-live="polite">
        {t('alerts.range', { first: fmtNumber(first), last: fmtNumber(last), total: fmtNumber(total) })}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={last >= total || loadingPage}
        onClick={() => onPage(page + 1)}
      >
        {t('alerts.next')}
      </button>
    </nav>
  );
}
