import { useTranslation } from 'react-i18next';
import { fmtDate } from '../../i18n';
import { Assessment, Catalogue, useCompetencyName } from '../coach-kit';
import { DataTable } from '../insight-kit';

/** Every rating given, newest first, with its change against the one before. */
export function History({ assessments, catalogue }: { assessments: Assessment[]; catalogue: Catalogue | undefined }) {
  const { t } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const rows = [...assessments].reverse().flatMap((a) =>
    a.ratings.map((r) => ({
      key: `${a.id}-${r.competencyCode}`,
      assessedOn: a.assessedOn,
      kind: a.assessorKind,
      code: r.competencyCode,
      level: r.level,
      change: a.changes?.find((c) => c.competencyCode === r.competencyCode)?.change ?? null,
      note: r.note,
    })),
  );
  if (rows.length === 0) return <p>{t('coach.noAssessments')}</p>;
  return (
    <DataTable
      caption={t('coach.history')}
      rowKey={(r) => r.key}
      rows={rows}
      columns={[
        { header: t('coach.assessedOn'), cell: (r) => fmtDate(r.assessedOn) },
        { header: t('coach.assessor'), cell: (r) => t(`coach.kinds.${r.kind}`) },
        { header: t('coach.competency'), cell: (r) => nameOf(r.code) },
        { header: t('coach.level'), cell: (r) => r.level, numeric: true },
        {
          header: t('coach.change'),
          cell: (r) => (r.change === null ? '–' : r.change > 0 ? `+${r.change}` : String(r.change)),
          numeric: true,
        },
        { header: t('coach.note'), cell: (r) => r.note ?? '' },
      ]}
    />
  );
}
