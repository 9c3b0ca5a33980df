import { japanFields } from '../../domain/japan-time.js';

/** `HH:MM`; `endOfDay` writes the next midnight as `24:00`. */
export function clockText(instant: number, endOfDay = false): string {
  const { hours, minutes } = japanFields(instant);
  const h = endOfDay && hours === 0 && minutes === 0 ? 24 : hours;
  return `${String(h).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
