import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDate } from '../i18n';
import { Assessment, Catalogue, useCompetencyName } from './coach-kit';
import { TrendPoint, trendsByCompetency } from './competency-trends';

const WIDTH = 220;
const HEIGHT = 48;
const PAD = 6;
const MAX_LEVEL = 4;

function x(index: number, count: number): number {
  return count <= 1 ? WIDTH / 2 : PAD + (index * (WIDTH - 2 * PAD)) / (count - 1);
}

function y(level: number): number {
  return HEIGHT - PAD - ((level - 1) * (HEIGHT - 2 * PAD)) / (MAX_LEVEL - 1);
}

/** A small line per competency with its levels over time; each point tells its level's descriptor on hover or focus. */
export function CompetencyTrends({ assessments, catalogue }: { assessments: Assessment[]; catalogue: Catalogue }) {
  const { t, i18n } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const [shown, setShown] = useState<{ code: string; text: string } | null>(null);
  const trends = trendsByCompetency(assessments);
  const codes = catalogue.competencies.map((c) => c.code).filter((code) => trends.has(code));
  if (codes.length === 0) return <p>{t('coach.noAssessments')}</p>;
  const descriptor = (level: number) => {
    const step = catalogue.scale.find((s) => s.level === level);
    return step ? (i18n.language === 'en' ? step.en : step.nl) : '';
  };
  const describe = (point: TrendPoint) =>
    t('coach.trendPoint', {
      date: fmtDate(point.assessedOn),
      assessor: t(`coach.kinds.${point.assessorKind}`),
      level: point.level,
      descriptor: descriptor(point.level),
    });
  const targetY = y(catalogue.targetLevel);

  return (
    <div className="trends">
      <p className="muted">{t('coach.trendsHelp', { target: catalogue.targetLevel })}</p>
      <ul className="trend-list">
        {codes.map((code) => {
          const { staff, self } = trends.get(code) ?? { staff: [], self: [] };
          const count = Math.max(staff.length, self.length);
          const last = staff.at(-1) ?? self.at(-1);
          const first = staff[0] ?? self[0];
          const summary = t('coach.trendSummary', {
            name: nameOf(code),
            count: staff.length + self.length,
            first: first?.level ?? '–',
            last: last?.level ?? '–',
          });
          return (
            <li key={code} className="trend-row">
              <span className="trend-name">{nameOf(code)}</span>
              <svg
                width={WIDTH}
                height={HEIGHT}
                viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
                role="group"
                aria-label={summary}
                className="trend-line"
              >
                <line x1={0} x2={WIDTH} y1={targetY} y2={targetY} className="trend-target" />
                {[
                  { points: staff, kind: 'staff' },
                  { points: self, kind: 'self' },
                ].map(({ points, kind }) => (
                  <g key={kind} className={`trend-${kind}`}>
                    {points.length > 1 && (
                      <polyline fill="none" points={points.map((p, i) => `${x(i, count)},${y(p.level)}`).join(' ')} />
                    )}
                    {points.map((p, i) => {
                      const text = describe(p);
                      return (
                        <circle
                          key={`${p.assessedOn}-${i}`}
                          cx={x(i, count)}
                          cy={y(p.level)}
                          r={4}
                          tabIndex={0}
                          role="img"
                          aria-label={text}
                          onFocus={() => setShown({ code, text })}
                          onMouseEnter={() => setShown({ code, text })}
                          onBlur={() => setShown(null)}
                          onMouseLeave={() => setShown(null)}
                        >
                          <title>{text}</title>
                        </circle>
                      );
                    })}
                  </g>
                ))}
              </svg>
              <span className="trend-last">
                {last ? t('coach.trendLast', { level: last.level, descriptor: descriptor(last.level) }) : '–'}
              </span>
              <span className="trend-detail" aria-live="polite">
                {shown?.code === code ? shown.text : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
