export type { Clock } from './clock';
export {
  CLOCK,
  InvalidTodayError,
  brusselsDateOf,
  brusselsNoonOf,
  clockFromEnvironment,
  clockStartingOn,
  parseCalendarDate,
  systemClock,
} from './clock';
export { addDays, addMonths, firstDayOf, lastDayOf, monthOf } from './arithmetic';
