import * as z from 'zod/mini';
import { DAY_MS } from '../domain/japan-time.js';
import { instant, itemsParameter } from './common.js';

/** Why a server is down (the schedule engine's `DownReason`), most specific first. */
export const downReason = z.enum(['maintenance', 'year-end', 'planned-stop', 'hours']);

/** A server as the portal reports it in a flow's `unavailable` answer: labels only when the relay knows them. */
export const serverState = z.object({
  id: z.string(),
  available: z.boolean(),
  nextAvailableAt: z.nullable(z.string()),
  reason: z.optional(downReason),
  /** The announcement of a maintenance window. */
  note: z.optional(z.string()),
  labelJa: z.optional(z.string()),
  labelEn: z.optional(z.string()),
});
export type ServerState = z.infer<typeof serverState>;

/** A server in the schedule's answer: always named. Instants are Japan time, e.g. `2026-11-24T08:00:00.000+09:00`. */
export const serverStatus = z.extend(serverState, { labelJa: z.string(), labelEn: z.string() });

/** Instants the schedule answers for: beyond these the calendar data means nothing. */
export const SCHEDULE_EARLIEST = Date.parse('2000-01-01T00:00:00Z');
export const SCHEDULE_LATEST = Date.parse('2100-01-01T00:00:00Z');
export const WEEK_DAYS = 7;

const instantBefore = (latest: number) =>
  instant.check(
    z.refine((value) => {
      const at = Date.parse(value);
      return at >= SCHEDULE_EARLIEST && at < latest;
    }, 'expected an instant in 2000 … 2099'),
  );

/** `GET /v1/availability?items=&at=` */
export const availabilityQuery = z.object({ items: itemsParameter, at: z.optional(instantBefore(SCHEDULE_LATEST)) });

export const availabilityAnswer = z.object({
  available: z.boolean(),
  at: z.string(),
  nextAvailableAt: z.nullable(z.string()),
  servers: z.array(serverStatus),
});
export type AvailabilityAnswer = z.infer<typeof availabilityAnswer>;

/** `GET /v1/availability/week?items=&from=`: the week must end before 2100 too, so `from` stops a week short. */
export const weekQuery = z.object({ items: itemsParameter, from: z.optional(instantBefore(SCHEDULE_LATEST - (WEEK_DAYS + 1) * DAY_MS)) });

/** One stretch of a server's week: half-open `[from, to)`. */
export const weekInterval = z.object({
  from: z.string(),
  to: z.string(),
  up: z.boolean(),
  reason: z.optional(downReason),
  note: z.optional(z.string()),
});

/** One Japanese calendar day; a holiday from the operator's `extraHolidays` has no name. */
export const weekDay = z.object({
  date: z.string(),
  /** 0 = Sunday … 6 = Saturday */
  weekday: z.number(),
  holiday: z.boolean(),
  holidayJa: z.optional(z.string()),
  holidayEn: z.optional(z.string()),
});

export const weekAnswer = z.object({
  from: z.string(),
  to: z.string(),
  /** The relay's clock; the week view draws it as "now". */
  now: z.string(),
  days: z.array(weekDay),
  servers: z.array(z.object({ id: z.string(), labelJa: z.string(), labelEn: z.string(), intervals: z.array(weekInterval) })),
});
export type WeekAnswer = z.infer<typeof weekAnswer>;
