import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { currentMonthInBrussels } from './lib/clock';
import en from './i18n/en.json';
import nl from './i18n/nl.json';

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: localStorage.getItem('lang') ?? 'nl',
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
});

export const locale = () => (i18n.language === 'en' ? 'en-GB' : 'nl-BE');

/**
 * One formatter per language and style: building an Intl formatter costs far more than using it,
 * and a page of the inbox formats a hundred dates (it was the costliest function of its render).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, make: (locale: string) => T): T {
  const key = `${locale()} ${kind}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make(locale());
    formatters.set(key, found);
  }
  return found;
}

export const fmtNumber = (n: number) => formatter('number', (l) => new Intl.NumberFormat(l)).format(n);
export const fmtMonth = (month: string) =>
  formatter(
    'month',
    (l) => new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: 'Europe/Brussels' }),
  ).format(new Date(`${month}-15T12:00:00Z`));
export const fmtDate = (iso: string) =>
  formatter('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'Europe/Brussels' })).format(
    new Date(iso),
  );

/** The current month in Brussels by the services' clock, YYYY-MM. */
export const currentMonth = currentMonthInBrussels;
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
export default i18n;
