import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Me } from '../App';
import { currentMonth, fmtNumber } from '../i18n';
import { OrganisationPicker, Problem, useChosenOrganisation } from './organiser-kit';
import { acceptedLines } from './organiser-rules';
import { nameLookup } from '../lib/names';
import { Empty, Failed } from '../lib/ScreenState';

interface ImportProblem {
  line: number;
  code: string;
  reason: string;
}

/** `GET /imports/{id}` of the hours API. */
export interface ImportJob {
  id: string;
  filename: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  processed: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  problems: ImportProblem[];
}

/** Multipart through the gateway; the browser sets the boundary, so no content type here. */
export function uploadPrestations(organisationId: string, file: File): Promise<ImportJob> {
  const form = new FormData();
  form.append('organisationId', organisationId);
  form.append('file', file);
  return api<ImportJob>('/hours/imports', { method: 'POST', body: form });
}

const POLL_MS = 500;
const COLUMNS = 'deelnemer;naam;datum;duur;type gebruiker;gebruiker;activiteit;km';

interface GridRow {
  participantId: string;
  displayName: string;
}

/** A template with one line per participant of this month, so nobody has to copy ids by hand. */
function templateHref(rows: GridRow[]): string {
  // Shared short names get told apart here too: the sheet is filled in by name.
  const nameOf = nameLookup(rows.map((r) => ({ id: r.participantId, displayName: r.displayName })));
  const lines = [COLUMNS, ...rows.map((r) => `${r.participantId};${nameOf(r.participantId).replace(/;/g, ' ')};;;;;;`)];
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${lines.join('\r\n')}\r\n`)}`;
}

export function Import({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [organisationId, setOrganisationId] = useChosenOrganisation(me);
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const month = currentMonth();
  const grid = useQuery({
    queryKey: ['grid', organisationId, month],
    queryFn: () => api<GridRow[]>(`/hours/organisations/${organisationId}/months/${month}`),
    enabled: !!organisationId,
  });
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadPrestations(organisationId, chosen),
    onSuccess: (job) => {
      client.setQueryData(['import', job.id], job);
      setJobId(job.id);
    },
  });
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => api<ImportJob>(`/hours/imports/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? POLL_MS : false),
  });
  const report = job.data;
  const finished = report && report.status !== 'RUNNING';
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: ['grid'] });
  }, [finished, client]);
  const taken =
    finished && report.status === 'DONE'
      ? acceptedLines(
          report.total,
          report.problems.map((p) => p.line),
          report.rejected,
        )
      : null;
  const rowProblem = (p: ImportProblem) => {
    const key = `organiser.importProblems.${p.code}`;
    return i18n.exists(key) ? t(key) : t('organiser.import.lineRefused');
  };

  return (
    <>
      <h1>{t('organiser.import.title')}</h1>
      <section aria-labelledby="import-columns" className="card">
        <h2 id="import-columns">{t('organiser.import.columnsTitle')}</h2>
        <p>{t('organiser.import.columnsIntro')}</p>
        <dl className="columns">
          {(['deelnemer', 'datum', 'duur', 'type', 'gebruiker', 'activiteit', 'km'] as const).map((c) => (
            <div key={c}>
              <dt>
                <code>{t(`organiser.import.column.${c}.name`)}</code>
              </dt>
              <dd>{t(`organiser.import.column.${c}.text`)}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">{t('organiser.import.example')}</p>
        <pre className="example">
          {COLUMNS}
          {'\n'}6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c;Sofie Verbeeck;6/10/2026;2:15;school;GBS De
          Klimop;Middagtoezicht;14
        </pre>
        {grid.isPending && (
          <p className="state loading" role="status" aria-busy="true" data-state="loading">
            <span className="spinner" aria-hidden="true" />
            {t('organiser.import.templateLoading')}
          </p>
        )}
        {grid.isError && <Failed error={grid.error} retry={() => void grid.refetch()} />}
        {grid.isSuccess && grid.data.length === 0 && <Empty>{t('organiser.import.templateEmpty')}</Empty>}
        {grid.isSuccess && grid.data.length > 0 && (
          <p>
            <a href={templateHref(grid.data)} download={`prestaties-${month}.csv`}>
              {t('organiser.import.template', { count: grid.data.length })}
            </a>
          </p>
        )}
      </section>
      <section aria-labelledby="import-upload" className="card">
        <h2 id="import-upload">{t('organiser.import.uploadTitle')}</h2>
        <form
          className="row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return setMissingFile(true);
            setMissingFile(false);
            setJobId(null);
            upload.mutate(file);
          }}
        >
          <OrganisationPicker me={me} value={organisationId} onChange={setOrganisationId} />
          <label>
            {t('organiser.import.file')}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-describedby={missingFile ? 'import-file-missing' : undefined}
            />
          </label>
          <button type="submit" disabled={upload.isPending || report?.status === 'RUNNING'}>
            {t('organiser.import.start')}
          </button>
        </form>
        {missingFile && (
          <p role="alert" className="problem" id="import-file-missing">
            {t('organiser.import.noFile')}
          </p>
        )}
        <Problem error={upload.error ?? job.error} />
      </section>
      {report && (
        <section aria-labelledby="import-report" className="card">
          <h2 id="import-report">{t('organiser.import.reportTitle', { file: report.filename })}</h2>
          <label className="progress">
            {t('organiser.import.progress')}
            <progress max={Math.max(report.total, 1)} value={report.processed} />
          </label>
          <p role="status" aria-live="polite">
            {report.status === 'RUNNING'
              ? t('organiser.import.running', {
                  processed: fmtNumber(report.processed),
                  total: fmtNumber(report.total),
                })
              : report.status === 'FAILED'
                ? t('organiser.import.failed')
                : t('organiser.import.done', { total: fmtNumber(report.total) })}
          </p>
          <ul className="tally">
            <li className="ok">{t('organiser.import.accepted', { count: report.accepted })}</li>
            <li>{t('organiser.import.duplicates', { count: report.duplicates })}</li>
            <li className={report.rejected > 0 ? 'problem' : undefined}>
              {t('organiser.import.rejected', { count: report.rejected })}
            </li>
          </ul>
          {report.problems.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption>{t('organiser.import.problemsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('organiser.import.line')}
                    </th>
                    <th scope="col">{t('organiser.import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...report.problems]
                    .sort((a, b) => a.line - b.line)
                    .map((p) => (
                      <tr key={`${p.line}-${p.code}`}>
                        <td className="num">{p.line}</td>
                        <td>{rowProblem(p)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
          {report.rejected > report.problems.length && (
            <p className="hint">
              {t('organiser.import.moreProblems', { shown: report.problems.length, total: report.rejected })}
            </p>
          )}
          {finished && report.accepted + report.duplicates > 0 && (
            <p>{taken ? t('organiser.import.acceptedLines', { lines: taken }) : t('organiser.import.acceptedRows')}</p>
          )}
        </section>
      )}
    </>
  );
}
