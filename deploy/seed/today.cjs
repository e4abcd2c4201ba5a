'use strict';
/**
 * The seed's "today": STAPSTEEN_TODAY=YYYY-MM-DD when set (refused in production and when it is no
 * day of the calendar), else the real date in Brussels. The same rules as clockFromEnvironment in
 * libs/calendar, which the services use; see docs/adr/0010-one-clock-and-today-override.md.
 */
const BRUSSELS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function parseCalendarDate(value, what = 'STAPSTEEN_TODAY') {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value).trim());
  if (!match) throw new Error(`${what}=${value} is not a date of the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new Error(`${what}=${value} is not a day of the calendar`);
  }
  return match[0];
}

function todayFrom(env = process.env, now = new Date()) {
  const override = (env.STAPSTEEN_TODAY || '').trim();
  if (!override) return BRUSSELS_DATE.format(now);
  if (env.NODE_ENV === 'production') {
    throw new Error('STAPSTEEN_TODAY is set while NODE_ENV=production; the override is for development and tests only');
  }
  return parseCalendarDate(override);
}

module.exports = { todayFrom, parseCalendarDate };
