import { availability, type ScheduleOverrides } from '../../domain/schedule/index.js';
import type { AvailabilityHook } from './options.js';

/**
 * The sandbox's operating hours from the schedule engine (guideline v2.2 tables 2.5-1 … 2.5-5,
 * plus overrides), at the instant the sandbox's clock gives. Out of hours the self-information
 * API answers `503 not_available_now` with this answer.
 */
export function scheduleAvailability(overrides?: ScheduleOverrides): AvailabilityHook {
  return (items, at) => availability(items, at, overrides === undefined ? {} : { overrides });
}
