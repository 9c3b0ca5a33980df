/**
 * `<myna-availability-week>`: the week view of the servers' hours. A separate entry point, not part
 * of the widget bundle (`src/widget/index.ts`); importing it registers the element.
 */
import { defineMynaAvailabilityWeek } from './define.js';

export { MynaAvailabilityWeek, fetchWeekFromRelay } from './myna-availability-week.js';
export { defineMynaAvailabilityWeek } from './define.js';
export type { AvailabilityWeek, FetchWeek, WeekDay, WeekDownReason, WeekInterval, WeekRequest, WeekServer } from './types.js';

defineMynaAvailabilityWeek();
