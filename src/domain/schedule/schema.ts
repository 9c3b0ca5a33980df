import { z } from 'zod';
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
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a Japan-time clock time HH:MM, 00:00 to 24:00');

export const hoursWindowSchema: z.ZodType<HoursWindow> = z
  .strictObject({
    days: z.enum(['every-day', 'business-days', 'weekends-and-holidays']),
    from: clockTimeSchema,
    to: clockTimeSchema,
  })
  .refine((window) => clockMinutes(window.from) < clockMinutes(window.to), {
    path: ['to'],
    message: 'An hours window must end after it starts on the same day',
  });

const monthSchema = z.int().min(1).max(12);

export const stopAnchorSchema: z.ZodType<StopAnchor> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('every-day') }),
  z.strictObject({
    kind: z.literal('nth-weekday'),
    nth: z.literal([1, 2, 3, 4, 5, 'last']),
    weekday: z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']),
    months: z.array(monthSchema).min(1).optional(),
  }),
  z
    .strictObject({ kind: z.literal('yearly'), month: monthSchema, day: z.int().min(1).max(31) })
    .refine((anchor) => anchor.day <= new Date(Date.UTC(2024, anchor.month, 0)).getUTCDate(), {
      path: ['day'],
      message: 'No such day in that month',
    }),
]);

export const recurringStopSchema: z.ZodType<RecurringStop> = z
  .strictObject({
    on: stopAnchorSchema,
    from: clockTimeSchema,
    until: clockTimeSchema,
    // Bounded so that finding the stops that reach into a day looks back a bounded number of days.
    untilDaysLater: z.int().min(0).max(31),
    reason: z.enum(['planned-stop', 'year-end']),
  })
  .refine((stop) => stop.untilDaysLater * 24 * 60 + clockMinutes(stop.until) > clockMinutes(stop.from), {
    path: ['until'],
    message: 'A stop must end after it starts',
  });

const serverScheduleObject = z.strictObject({
  hours: z.array(hoursWindowSchema),
  stops: z.array(recurringStopSchema),
});

export const serverScheduleSchema: z.ZodType<ServerSchedule> = serverScheduleObject;

/** The complete schedule: every server present. */
export const scheduleSchema: z.ZodType<Schedule> = z.record(serverIdSchema, serverScheduleSchema);

const instantSchema = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 instant with an offset or Z' });

export const maintenanceWindowSchema: z.ZodType<MaintenanceWindow> = z
  .strictObject({
    server: serverIdSchema,
    from: instantSchema,
    to: instantSchema,
    reason: z.string().trim().min(1).optional(),
  })
  .refine((window) => Date.parse(window.to) > Date.parse(window.from), {
    path: ['to'],
    message: 'A maintenance window must end after it starts',
  });

export const scheduleOverridesSchema: z.ZodType<ScheduleOverrides> = z.strictObject({
  servers: z.partialRecord(serverIdSchema, serverScheduleObject.partial()).optional(),
  maintenance: z.array(maintenanceWindowSchema).optional(),
  extraHolidays: z.array(z.iso.date()).optional(),
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
