export type { CalendarDate, Month } from './calendar-date';
export {
  CALENDAR_DATE_RULE,
  CALENDAR_INSTANT_RULE,
  CALENDAR_MONTH_RULE,
  FIRST_YEAR,
  InvalidCalendarValueError,
  LAST_YEAR,
  daysInMonth,
  isCalendarDate,
  isCalendarInstant,
  isCalendarMonth,
  parseCalendarDate,
  parseMonth,
} from './calendar-date';
export type { Clock } from './clock';
export {
  CLOCK,
  InvalidTodayError,
  brusselsDateOf,
  brusselsNoonOf,
  clockFromEnvironment,
  clockStartingOn,
  fixedClock,
  systemClock,
} from './clock';
export {
  addDays,
  addMonths,
  addMonthsToDate,
  daysBetween,
  daysInMonthOf,
  daysOf,
  firstDayOf,
  lastDayOf,
  laterOf,
  monthOf,
  monthsBetween,
  yearOf,
} from './arithmetic';
