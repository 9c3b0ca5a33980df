import { clockMinutes, MINUTE_MS, DAY_MS, type JapanDay } from '../japan-time.js';
import type { DaySet, HoursWindow, RecurringStop, StopAnchor, StopReason, Weekday } from './types.js';

/** A stretch of time with one cause: the server's hours (`open`) or a reason to be down. */
export interface Span {
  from: number;
  to: number;
  cause: 'open' | StopReason | 'maintenance';
  note?: string;
}

const WEEKDAYS: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function isBusinessDay(day: JapanDay, isHoliday: boolean): boolean {
  return day.weekday >= 1 && day.weekday <= 5 && !isHoliday;
}

function coversDay(days: DaySet, businessDay: boolean): boolean {
  if (days === 'every-day') return true;
  return (days === 'business-days') === businessDay;
}

export function hoursSpans(windows: readonly HoursWindow[], day: JapanDay, businessDay: boolean): Span[] {
  return windows
    .filter((window) => coversDay(window.days, businessDay))
    .map((window) => ({
      from: day.start + clockMinutes(window.from) * MINUTE_MS,
      to: day.start + clockMinutes(window.to) * MINUTE_MS,
      cause: 'open',
    }));
}

function startsOn(anchor: StopAnchor, day: JapanDay): boolean {
  switch (anchor.kind) {
    case 'every-day':
      return true;
    case 'yearly':
      return day.month === anchor.month && day.day === anchor.day;
    case 'nth-weekday': {
      if (WEEKDAYS[day.weekday] !== anchor.weekday) return false;
      if (anchor.months !== undefined && !anchor.months.includes(day.month)) return false;
      if (anchor.nth === 'last') return day.day + 7 > day.daysInMonth;
      return Math.ceil(day.day / 7) === anchor.nth;
    }
  }
}

/** The occurrence of `stop` that starts on `day`, if one does. */
export function stopSpan(stop: RecurringStop, day: JapanDay): Span | undefined {
  if (!startsOn(stop.on, day)) return undefined;
  return {
    from: day.start + clockMinutes(stop.from) * MINUTE_MS,
    to: day.start + stop.untilDaysLater * DAY_MS + clockMinutes(stop.until) * MINUTE_MS,
    cause: stop.reason,
  };
}
