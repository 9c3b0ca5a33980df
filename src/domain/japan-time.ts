/**
 * The one home of time arithmetic: durations, and Japan time (the portal's, the guideline's and
 * the citizen's clock, whatever zone the machine runs in — the machines run in UTC).
 */
import type { ClockTime } from './schedule/types.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

// Asia/Tokyo is UTC+9 all year and has had no daylight saving time since 1951, so fixed
// arithmetic gives Japan time exactly, whatever zone the machine runs in.
export const JAPAN_OFFSET_MS = 9 * HOUR_MS;

/** The Japan-time calendar and clock fields of an instant. */
export interface JapanFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  hours: number;
  minutes: number;
}

export function japanFields(instant: number): JapanFields {
  // Shifted by the offset, the UTC fields of the date are the Japanese ones.
  const shifted = new Date(instant + JAPAN_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
  };
}

/** The Japanese calendar date of an instant, `YYYY-MM-DD` (look holidays up by this). */
export function japanDate(instant: number): string {
  return new Date(instant + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Japan time of the day holding `instant`. */
export function japanMidnight(instant: number): number {
  return japanDayNumberOf(instant) * DAY_MS - JAPAN_OFFSET_MS;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A Japanese calendar day; `number` counts days since 1970-01-01 (Japan time). */
export interface JapanDay {
  number: number;
  /** The instant of 00:00 Japan time, in epoch milliseconds. */
  start: number;
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  daysInMonth: number;
  /** `YYYY-MM-DD`, the key of holiday calendars. */
  key: string;
}

export function japanDayNumberOf(instant: number): number {
  return Math.floor((instant + JAPAN_OFFSET_MS) / DAY_MS);
}

// Days are looked up again and again by neighbouring queries; the cache is bounded and holds
// only calendar facts, so the engine stays pure.
const dayCache = new Map<number, JapanDay>();
const DAY_CACHE_LIMIT = 4096;

export function japanDay(number: number): JapanDay {
  let day = dayCache.get(number);
  if (day === undefined) {
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
    dayCache.set(number, (day = computeJapanDay(number)));
  }
  return day;
}

function computeJapanDay(number: number): JapanDay {
  // A UTC date shifted to the Japanese day: its UTC fields are the Japanese calendar fields.
  const shifted = new Date(number * DAY_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  return {
    number,
    start: number * DAY_MS - JAPAN_OFFSET_MS,
    year,
    month,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    key: shifted.toISOString().slice(0, 10),
  };
}

/** `2026-11-24T08:00:00.000+09:00` */
export function formatJapanTime(instant: number): string {
  return new Date(instant + JAPAN_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

/** Minutes after midnight of an `HH:MM` clock time. */
export function clockMinutes(time: ClockTime): number {
  // `HH:MM` is validated by the schema; the fixed positions spare a split on the hot path.
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
