import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api';
import { fmtNumber } from '../../i18n';
import { ProblemMessage } from '../../ProblemMessage';
import {
  exportLinks,
  KpiFilters,
  PSEUDONYMISED_EXPORTS,
  PseudonymisedExport,
  pseudonymisedExportRequest,
  pseudonymisedFileHref,
} from '../kpis';

/** Starts the pseudonymised export, shows how far it got, and offers the file when it is written. */
function PseudonymisedExportButton({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => post<PseudonymisedExport>(PSEUDONYMISED_EXPORTS, pseudonymisedExportRequest(filters)),
    onSuccess: (job) => setJobId(job.id),
  });
  const followed = useQuery({
    queryKey: ['pseudonymised-export', jobId],
    queryFn: () => api<PseudonymisedExport>(`${PSEUDONYMISED_EXPORTS}/${encodeURIComponent(jobId!)}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? EXPORT_POLL_MS : false),
  });
  const job = followed.data ?? start.data;
  const running = start.isPending || job?.status === 'RUNNING';
  return (
    <div className="pseudonymised-export">
      <button type="button" onClick={() => start.mutate()} disabled={running}>
        {t('dashboard.pseudonymised.start')}
      </button>
      {job?.status === 'RUNNING' && (
        <p role="status">
          <progress max={Math.max(job.progress.total, 1)} value={job.progress.done} />{' '}
          {t('dashboard.pseudonymised.running', {
            done: fmtNumber(job.progress.done),
            total: fmtNumber(job.progress.total),
          })}
        </p>
      )}
      {job?.status === 'DONE' && (
        <p role="status">
          <a href={pseudonymisedFileHref(job.id)} download={job.filename}>
            {t('dashboard.pseudonymised.download', { rows: fmtNumber(job.progress.rows) })}
          </a>
        </p>
      )}
      {job?.status === 'FAILED' && <p role="alert">{t('dashboard.pseudonymised.failed')}</p>}
      <ProblemMessage error={start.error ?? followed.error} />
    </div>
  );
}

const EXPORT_POLL_MS = 500;

export function Exports({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="kpi-exports">
      <h2 id="kpi-exports">{t('dashboard.exports')}</h2>
      <ul className="exports">
        {exportLinks(filters).map((link) => (
          <li key={link.file}>
            <a href={link.href} download>
              {t(`dashboard.export.${link.file}`)}
            </a>
          </li>
        ))}
        <li>
          {/* A new period or scope starts afresh: the file of another period is not offered. */}
          <PseudonymisedExportButton key={JSON.stringify(pseudonymisedExportRequest(filters))} filters={filters} />
        </li>
      </ul>
    </section>
  );
}
