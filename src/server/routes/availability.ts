import holidayJp from '@holiday-jp/holiday_jp';
import { Hono } from 'hono';
import { answer } from '../http/answer.js';
import { availabilityAnswer, availabilityQuery, WEEK_DAYS, weekAnswer, weekQuery, type WeekAnswer } from '../../protocol/index.js';
import { SERVERS } from '../../domain/catalog/index.js';
import { DAY_MS, japanDate, japanFields, japanMidnight } from '../../domain/japan-time.js';
import { formatJapanTime, intervals, nationalHolidays, serversNeeded } from '../../domain/schedule/index.js';
import { availabilityFor, requireKnownItems } from '../availability.js';
import type { RelayConfig } from '../config.js';
import type { RelayEnv } from '../http/env.js';
import { parseInput } from '../http/validate.js';


type WeekDay = WeekAnswer['days'][number];

function weekDay(start: number, extraHolidays: ReadonlySet<string>): WeekDay {
  const date = japanDate(start);
  const national = nationalHolidays(date) ? (holidayJp.holidays as Record<string, { name: string; name_en: string }>)[date] : undefined;
  return {
    date,
    weekday: japanFields(start).weekday,
    holiday: national !== undefined || extraHolidays.has(date),
    ...(national === undefined ? {} : { holidayJa: national.name, holidayEn: national.name_en }),
  };
}

/** The week view's data: the schedule engine's `intervals()` for each server `items` need. */
export function availabilityWeek(config: Pick<RelayConfig, 'scheduleOverrides'>, items: readonly string[], from: number, now: number): WeekAnswer {
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
    const query = parseInput(weekQuery, { items: c.req.query('items') ?? '', ...(from === undefined ? {} : { from }) });
    const items = requireKnownItems(query.items);
    const current = now();
    return answer(c, weekAnswer, availabilityWeek(config, items, query.from === undefined ? current : Date.parse(query.from), current));
  });
  routes.get('/', (c) => {
    const at = c.req.query('at');
    const query = parseInput(availabilityQuery, { items: c.req.query('items') ?? '', ...(at === undefined ? {} : { at }) });
    const items = requireKnownItems(query.items);
    return answer(c, availabilityAnswer, availabilityFor(config, items, query.at === undefined ? now() : Date.parse(query.at)));
  });
  return routes;
}
