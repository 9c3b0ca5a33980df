import { SERVERS, type ServerId } from '../catalog/index.js';
import { GUIDELINE_SCHEDULE } from './guideline.js';
import { nationalHolidays } from './holidays.js';
import { DAY_MS } from '../japan-time.js';
import type { ResolvedServer } from './timeline.js';
import type { HolidayCalendar, ScheduleOptions } from './types.js';

const DEFAULT_HORIZON_DAYS = 60;

export interface ResolvedSchedule {
  servers: Record<ServerId, ResolvedServer>;
  isHoliday: HolidayCalendar;
  horizonMs: number;
}

/** The built-in v2.2 data with the overrides applied, maintenance instants parsed. */
export function resolve(options: ScheduleOptions = {}): ResolvedSchedule {
  const { overrides = {}, holidays = nationalHolidays, horizonDays = DEFAULT_HORIZON_DAYS } = options;
  if (!(horizonDays > 0)) throw new RangeError(`horizonDays must be positive, got ${horizonDays}`);
  const servers = {} as Record<ServerId, ResolvedServer>;
  for (const { id } of SERVERS) {
    servers[id] = {
      schedule: { ...GUIDELINE_SCHEDULE[id], ...overrides.servers?.[id] },
      maintenance: (overrides.maintenance ?? [])
        .filter((window) => window.server === id)
        .map(({ from, to, reason }) => ({ from: Date.parse(from), to: Date.parse(to), note: reason })),
    };
  }
  const extraHolidays = new Set(overrides.extraHolidays);
  return {
    servers,
    isHoliday: (dateKey) => extraHolidays.has(dateKey) || holidays(dateKey),
    horizonMs: horizonDays * DAY_MS,
  };
}
