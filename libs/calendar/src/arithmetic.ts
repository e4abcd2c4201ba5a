/**
 * Day and month arithmetic on Belgian calendar dates and months. Calendar dates carry no time of
 * day, so the arithmetic runs in UTC, where every day has 24 hours: the nights the clocks change
 * in Brussels change nothing here. Arguments are values of the calendar (checked at the edge by
 * the rule of calendar-date.ts, or made by these functions); every answer is one too.
 */
import type { CalendarDate, Month } from './calendar-date';
import { daysInMonth } from './calendar-date';

const DAY_MS = 86_400_000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function partsOf(date: CalendarDate): [year: number, month: number, day: number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function utcMs(date: CalendarDate): number {
  const [year, month, day] = partsOf(date);
  return Date.UTC(year, month - 1, day);
}

function dateOf(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(utcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: positive when `to` lies later, negative when earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** The month a date falls in. */
export function monthOf(date: CalendarDate): Month {
  return date.slice(0, 7);
}

/** The year a date or month falls in. */
export function yearOf(dateOrMonth: CalendarDate | Month): number {
  return Number(dateOrMonth.slice(0, 4));
}

/** `month` moved by `count` months (negative: earlier). */
export function addMonths(month: Month, count: number): Month {
  const total = yearOf(month) * 12 + (Number(month.slice(5, 7)) - 1) + count;
  return `${pad(Math.floor(total / 12), 4)}-${pad((total % 12) + 1)}`;
}

/** Whole months from `from` to `to` (2026-11 to 2027-02 is 3; negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
  return (yearOf(to) - yearOf(from)) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
}

/**
 * The same day `count` months later (negative: earlier), or that month's last day when it has no
 * such day: 31 August + 6 months is 28 February (29 in a leap year).
 */
export function addMonthsToDate(date: CalendarDate, count: number): CalendarDate {
  const [, , day] = partsOf(date);
  const month = addMonths(monthOf(date), count);
  return dateOf(yearOf(month), Number(month.slice(5, 7)), Math.min(day, daysInMonthOf(month)));
}

/** 28, 29, 30 or 31. */
export function daysInMonthOf(month: Month): number {
  return daysInMonth(yearOf(month), Number(month.slice(5, 7)));
}

/** The first day of a month. */
export function firstDayOf(month: Month): CalendarDate {
  return `${month}-01`;
}

/** The last day of a month: the 28th, 29th, 30th or 31st. */
export function lastDayOf(month: Month): CalendarDate {
  return `${month}-${pad(daysInMonthOf(month))}`;
}

/** Every day of a month, first to last. */
export function daysOf(month: Month): CalendarDate[] {
  return Array.from({ length: daysInMonthOf(month) }, (_, i) => `${month}-${pad(i + 1)}`);
}

/** The later of two dates; null counts as no date. */
export function laterOf<T extends string>(a: T | null, b: T | null): T | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}
