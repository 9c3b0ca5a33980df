import type { ServerId } from '../catalog/index.js';

/** `HH:MM` in Japan time, `00:00` … `24:00`. */
export type ClockTime = string;

/**
 * Which Japanese calendar days an hours window applies to.
 * `business-days`: Monday–Friday that are not national holidays (「土日祝日を除く」).
 */
export type DaySet = 'every-day' | 'business-days' | 'weekends-and-holidays';

/** The server runs from `from` to `to` (half-open, same day) on every day of `days`. */
export interface HoursWindow {
  days: DaySet;
  from: ClockTime;
  to: ClockTime;
}

export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** The day a recurring stop starts on. */
export type StopAnchor =
  | { kind: 'every-day' }
  /** e.g. the 3rd Saturday, or the last Saturday; `months` (1–12) limits it to some months. */
  | { kind: 'nth-weekday'; nth: 1 | 2 | 3 | 4 | 5 | 'last'; weekday: Weekday; months?: number[] }
  | { kind: 'yearly'; month: number; day: number };

export type StopReason = 'planned-stop' | 'year-end';

/**
 * A recurring stop: from `from` on each anchor day until `until` on the day `untilDaysLater`
 * days after it (0 = the same day), Japan time.
 */
export interface RecurringStop {
  on: StopAnchor;
  from: ClockTime;
  until: ClockTime;
  untilDaysLater: number;
  reason: StopReason;
}

/** Up during `hours` unless a stop applies. An empty `hours` list means never up. */
export interface ServerSchedule {
  hours: HoursWindow[];
  stops: RecurringStop[];
}

export type Schedule = Record<ServerId, ServerSchedule>;

/** An announced one-off stop, instants in ISO 8601 with an offset or `Z`. */
export interface MaintenanceWindow {
  server: ServerId;
  from: string;
  to: string;
  reason?: string;
}

/**
 * Operator configuration, loadable from JSON: a server's `hours` and/or `stops` replace the
 * built-in ones; `maintenance` adds one-off stops; `extraHolidays` (`YYYY-MM-DD`) adds closed
 * days that the holiday dataset does not know yet.
 */
export interface ScheduleOverrides {
  servers?: Partial<Record<ServerId, Partial<ServerSchedule>>>;
  maintenance?: MaintenanceWindow[];
  extraHolidays?: string[];
}

/** Why a server is down, most specific first when several apply. */
export type DownReason = 'maintenance' | 'year-end' | 'planned-stop' | 'hours';

/** Tells whether a Japanese calendar date (`YYYY-MM-DD`) is a national holiday. */
export type HolidayCalendar = (dateKey: string) => boolean;

export interface ScheduleOptions {
  overrides?: ScheduleOverrides;
  /** Replaces the built-in holiday_jp calendar (extraHolidays still apply). */
  holidays?: HolidayCalendar;
  /** How far ahead `nextAvailableAt` is searched; default 60 days. */
  horizonDays?: number;
}

/** Instants are ISO 8601 in Japan time with milliseconds, e.g. `2026-11-24T08:00:00.000+09:00`. */
export interface ServerStatus {
  id: ServerId;
  available: boolean;
  nextAvailableAt: string | null;
  reason?: DownReason;
  /** The announcement text of the maintenance window, when `reason` is `maintenance`. */
  note?: string;
  labelJa: string;
  labelEn: string;
}

export interface Availability {
  available: boolean;
  at: string;
  nextAvailableAt: string | null;
  servers: ServerStatus[];
}

export interface ServerInterval {
  from: string;
  to: string;
  up: boolean;
  reason?: DownReason;
  note?: string;
}
