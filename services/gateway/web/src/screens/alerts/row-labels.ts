import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

/**
 * The words every row shows, translated once per language for the whole page rather than in each
 * of 50 rows on every render (i18next lookups were most of the inbox's rendering time).
 */
export interface RowLabels {
  t: TFunction;
  text: (key: string) => string;
  ageDays: (count: number) => string;
  noCoach: string;
  coachUnknown: string;
}

export function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const texts = new Map<string, string>();
    const ages = new Map<number, string>();
    const text = (key: string) => {
      let found = texts.get(key);
      if (found === undefined) {
        found = t(key, { defaultValue: key.split('.').pop() });
        texts.set(key, found);
      }
      return found;
    };
    const ageDays = (count: number) => {
      let found = ages.get(count);
      if (found === undefined) {
        found = t('alerts.ageDays', { count });
        ages.set(count, found);
      }
      return found;
    };
    return { t, text, ageDays, noCoach: t('alerts.noCoach'), coachUnknown: t('alerts.coachUnknown') };
  }, [t, language]);
}
