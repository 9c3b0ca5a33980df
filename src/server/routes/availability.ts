import holidayJp from '@holiday-jp/holiday_jp';
import { Hono } from 'hono';
import { z } from 'zod';
import { SERVERS } from '../../domain/catalog/index.js';
import { formatJapanTime, intervals, nationalHolidays, serversNeeded, type ServerInterval } from '../../domain/schedule/index.js';
import { availabilityFor, requireKnownItems } from '../availability.js';
import type { RelayConfig } from '../config.js';
import type { RelayEnv } from '../http/env.js';
import { parseInput } from '../http/validate.js';

/** Instants the schedule answers for: beyond these the calendar data means nothing. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');

const DAY_MS = 24 * 60 * 60 * 1000;
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const WEEK_DAYS = 7;

const itemsSchema = z
  .string()
  .max(2000)
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
  .pipe(z.array(z.string().max(100)).min(1, 'at least one catalog key is required').max(50));

const instantSchema = z
  .iso.datetime({ offset: true, message: 'expected an ISO 8601 instant with an offset or Z' })
  .refine((value) => {
    const instant = Date.parse(value);
    return instant >= EARLIEST && instant < LATEST;
  }, 'expected an instant in 2000 … 2099');

const availabilityQuerySchema = z.object({ items: itemsSchema, at: instantSchema.optional() });

// The week must end before 2100 too, so `from` stops a week short of LATEST.
const weekQuerySchema = z.object({
  items: itemsSchema,
  from: instantSchema.refine((value) => Date.parse(value) < LATEST - (WEEK_DAYS + 1) * DAY_MS, 'expected an instant in 2000 … 2099').optional(),
});

/** One Japanese calendar day of the week view; `holiday` counts national holidays and `extraHolidays`. */
export interface WeekDay {
  /** `YYYY-MM-DD` (Japan). */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  holiday: boolean;
  /** The national holiday's name (holiday_jp); absent for an operator's `extraHolidays` day. */
  holidayJa?: string;
  holidayEn?: string;
}

export interface WeekServer {
  id: string;
  labelJa: string;
  labelEn: string;
  intervals: ServerInterval[];
}

/** `GET /v1/availability/week`: seven Japanese days from `from`'s midnight, each needed server's up and down stretches. */
export interface AvailabilityWeek {
  from: string;
  to: string;
  /** The relay's clock (the week view draws it as "now"). */
  now: string;
  days: WeekDay[];
  servers: WeekServer[];
}

/** 00:00 Japan time of the day holding `instant`. */
function japanMidnight(instant: number): number {
  return Math.floor((instant + JAPAN_OFFSET_MS) / DAY_MS) * DAY_MS - JAPAN_OFFSET_MS;
}

function weekDay(start: number, extraHolidays: ReadonlySet<string>): WeekDay {
  const shifted = new Date(start + JAPAN_OFFSET_MS);
  const date = shifted.toISOString().slice(0, 10);
  const national = nationalHolidays(date) ? (holidayJp.holidays as Record<string, { name: string; name_en: string }>)[date] : undefined;
  return {
    date,
    weekday: shifted.getUTCDay(),
    holiday: national !== undefined || extraHolidays.has(date),
    ...(national === undefined ? {} : { holidayJa: national.name, holidayEn: national.name_en }),
  };
}

/** The week view's data: the schedule engine's `intervals()` for each server `items` need. */
export function availabilityWeek(config: Pick<RelayConfig, 'scheduleOverrides'>, items: readonly string[], from: number, now: number): AvailabilityWeek {
  const start = japanMidnight(from);
  const end = start + WEEK_DAYS * DAY_MS;
  const options = config.scheduleOverrides === undefined ? {} : { overrides: config.scheduleOverrides };
  const extraHolidays = new Set(config.scheduleOverrides?.extraHolidays ?? []);
  return {
    from: formatJapanTime(start),
    to: formatJapanTime(end),
    now: formatJapanTime(now),
    days: Array.from({ length: WEEK_DAYS }, (_, index) => weekDay(start + index * DAY_MS, extraHolidays)),
    servers: serversNeeded(items).map((id) => {
      const server = SERVERS.find((candidate) => candidate.id === id)!;
      return { id, labelJa: server.labelJa, labelEn: server.labelEn, intervals: intervals(id, new Date(start), new Date(end), options) };
    }),
  };
}

/**
 * `GET /v1/availability?items=a,b&at=ISO`: whether every server the items need is up at `at`
 * (default: the relay's now), and if not, from when — the schedule engine's answer, which the
 * relay also enforces when a flow starts. Any catalog key or info number may be asked about.
 *
 * `GET /v1/availability/week?items=a,b&from=ISO`: the seven Japanese days from `from`'s midnight
 * (default: the relay's today), each needed server's up and down stretches, holidays and `now`.
 */
export function availabilityRoutes(config: Pick<RelayConfig, 'scheduleOverrides'>, now: () => number): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  routes.get('/week', (c) => {
    const from = c.req.query('from');
    const query = parseInput(weekQuerySchema, { items: c.req.query('items') ?? '', ...(from === undefined ? {} : { from }) });
    const items = requireKnownItems(query.items);
    const current = now();
    return c.json(availabilityWeek(config, items, query.from === undefined ? current : Date.parse(query.from), current));
  });
  routes.get('/', (c) => {
    const at = c.req.query('at');
    const query = parseInput(availabilityQuerySchema, { items: c.req.query('items') ?? '', ...(at === undefined ? {} : { at }) });
    const items = requireKnownItems(query.items);
    return c.json(availabilityFor(config, items, query.at === undefined ? now() : Date.parse(query.at)));
  });
  return routes;
}
