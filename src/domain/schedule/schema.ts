import * as z from 'zod/mini';
import { INTERMEDIATE_SERVER_IDS, SYSTEM_IDS } from '../catalog/index.js';
import { clockMinutes } from '../japan-time.js';
import type {
  HoursWindow,
  MaintenanceWindow,
  RecurringStop,
  Schedule,
  ScheduleOverrides,
  ServerSchedule,
  StopAnchor,
} from './types.js';

export const serverIdSchema = z.enum([...SYSTEM_IDS, ...INTERMEDIATE_SERVER_IDS]);

export const clockTimeSchema = z
  .string()
  .check(z.regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a Japan-time clock time HH:MM, 00:00 to 24:00'));

export const hoursWindowSchema: z.ZodMiniType<HoursWindow> = z
  .strictObject({
    days: z.enum(['every-day', 'business-days', 'weekends-and-holidays']),
    from: clockTimeSchema,
    to: clockTimeSchema,
  })
  .check(
    z.refine((window) => clockMinutes(window.from) < clockMinutes(window.to), {
      path: ['to'],
      message: 'An hours window must end after it starts on the same day',
    }),
  );

const monthSchema = z.int().check(z.minimum(1), z.maximum(12));

export const stopAnchorSchema: z.ZodMiniType<StopAnchor> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('every-day') }),
  z.strictObject({
    kind: z.literal('nth-weekday'),
    nth: z.literal([1, 2, 3, 4, 5, 'last']),
    weekday: z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']),
    months: z.optional(z.array(monthSchema).check(z.minLength(1))),
  }),
  z.strictObject({ kind: z.literal('yearly'), month: monthSchema, day: z.int().check(z.minimum(1), z.maximum(31)) }).check(
    z.refine((anchor) => anchor.day <= new Date(Date.UTC(2024, anchor.month, 0)).getUTCDate(), {
      path: ['day'],
      message: 'No such day in that month',
    }),
  ),
]);

export const recurringStopSchema: z.ZodMiniType<RecurringStop> = z
  .strictObject({
    on: stopAnchorSchema,
    from: clockTimeSchema,
    until: clockTimeSchema,
    // Bounded so that finding the stops that reach into a day looks back a bounded number of days.
    untilDaysLater: z.int().check(z.minimum(0), z.maximum(31)),
    reason: z.enum(['planned-stop', 'year-end']),
  })
  .check(
    z.refine((stop) => stop.untilDaysLater * 24 * 60 + clockMinutes(stop.until) > clockMinutes(stop.from), {
      path: ['until'],
      message: 'A stop must end after it starts',
    }),
  );

const serverScheduleObject = z.strictObject({
  hours: z.array(hoursWindowSchema),
  stops: z.array(recurringStopSchema),
});

export const serverScheduleSchema: z.ZodMiniType<ServerSchedule> = serverScheduleObject;

/** The complete schedule: every server present. */
export const scheduleSchema: z.ZodMiniType<Schedule> = z.record(serverIdSchema, serverScheduleSchema);

const instantSchema = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 instant with an offset or Z' });

export const maintenanceWindowSchema: z.ZodMiniType<MaintenanceWindow> = z
  .strictObject({
    server: serverIdSchema,
    from: instantSchema,
    to: instantSchema,
    reason: z.optional(z.string().check(z.trim(), z.minLength(1))),
  })
  .check(
    z.refine((window) => Date.parse(window.to) > Date.parse(window.from), {
      path: ['to'],
      message: 'A maintenance window must end after it starts',
    }),
  );

export const scheduleOverridesSchema: z.ZodMiniType<ScheduleOverrides> = z.strictObject({
  servers: z.optional(z.partialRecord(serverIdSchema, z.partial(serverScheduleObject))),
  maintenance: z.optional(z.array(maintenanceWindowSchema)),
  extraHolidays: z.optional(z.array(z.iso.date())),
});

/** Validates operator configuration; the error message names every offending path. */
export function parseScheduleOverrides(value: unknown): ScheduleOverrides {
  const result = scheduleOverridesSchema.safeParse(value);
  if (!result.success) throw new Error(`Invalid schedule overrides:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** For overrides kept as JSON text, e.g. in an environment variable. */
export function parseScheduleOverridesJson(json: string): ScheduleOverrides {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`Schedule overrides are not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseScheduleOverrides(value);
}
