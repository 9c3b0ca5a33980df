import holidayJp from '@holiday-jp/holiday_jp';
import type { HolidayCalendar } from './types.js';

/**
 * National holidays (incl. substitute and citizens' holidays) from @holiday-jp/holiday_jp, whose
 * data ends in 2050. Looked up by our own Japan-time date key: its `isHoliday(Date)` formats the
 * Date in the machine's zone (wrong under TZ=America/Los_Angeles), and `isHoliday(string)` scans
 * every key on each call.
 */
export const nationalHolidays: HolidayCalendar = (dateKey) => Object.hasOwn(holidayJp.holidays, dateKey);
