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
