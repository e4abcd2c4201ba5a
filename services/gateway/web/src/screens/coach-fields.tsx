import { useTranslation } from 'react-i18next';
import { Catalogue, useCompetencyName } from './coach-kit';

/** Competencies to tick, by name: what a coaching or a group session works on. */
export function CompetencyChoice({
  catalogue,
  chosen,
  onChange,
  legend,
}: {
  /** Undefined while the organisation's catalogue loads: nothing to tick yet. */
  catalogue: Catalogue | undefined;
  chosen: string[];
  onChange: (codes: string[]) => void;
  legend: string;
}) {
  const nameOf = useCompetencyName(catalogue);
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {(catalogue?.competencies ?? []).map((c) => (
        <label key={c.code} className="inline">
          <input
            type="checkbox"
            checked={chosen.includes(c.code)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, c.code] : chosen.filter((x) => x !== c.code))}
          />{' '}
          {nameOf(c.code)}
        </label>
      ))}
    </fieldset>
  );
}

/** A level on the catalogue's scale ("3 – zelfstandig"), or "not rated"; the label names whom and what. */
export function LevelSelect({
  scale,
  label,
  value,
  onChange,
}: {
  scale: Catalogue['scale'];
  label: string;
  /** The level as chosen, '' for not rated. */
  value: string;
  onChange: (level: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('coach.notRated')}</option>
      {scale.map((s) => (
        <option key={s.level} value={s.level}>
          {s.level} – {i18n.language === 'en' ? s.en : s.nl}
        </option>
      ))}
    </select>
  );
}
