const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface JapanClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
}

/** The Japan-time fields of an instant (Asia/Tokyo has no daylight saving time: fixed +9 h). */
export function japanClock(instant: number): JapanClock {
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

/** `HH:MM`; `endOfDay` writes the next midnight as `24:00`. */
export function clockText(instant: number, endOfDay = false): string {
  const { hours, minutes } = japanClock(instant);
  const h = endOfDay && hours === 0 && minutes === 0 ? 24 : hours;
  return `${String(h).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
