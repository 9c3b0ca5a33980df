export type {
  Availability,
  ClockTime,
  DaySet,
  DownReason,
  HolidayCalendar,
  HoursWindow,
  MaintenanceWindow,
  RecurringStop,
  Schedule,
  ScheduleOptions,
  ScheduleOverrides,
  ServerInterval,
  ServerSchedule,
  ServerStatus,
  StopAnchor,
  StopReason,
  Weekday,
} from './types.js';
export { GUIDELINE_SCHEDULE } from './guideline.js';
export { nationalHolidays } from './holidays.js';
export { formatJapanTime } from '../japan-time.js';
export { availability, intervals, serverAvailability, serversNeeded } from './engine.js';
export {
  clockTimeSchema,
  hoursWindowSchema,
  maintenanceWindowSchema,
  parseScheduleOverrides,
  parseScheduleOverridesJson,
  recurringStopSchema,
  scheduleOverridesSchema,
  scheduleSchema,
  serverIdSchema,
  serverScheduleSchema,
  stopAnchorSchema,
} from './schema.js';
