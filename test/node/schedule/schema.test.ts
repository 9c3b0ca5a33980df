import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GUIDELINE_SCHEDULE,
  parseScheduleOverrides,
  parseScheduleOverridesJson,
  scheduleSchema,
  type ScheduleOverrides,
} from '../../../src/domain/schedule/index.js';

const rejects = (value: unknown, path: string) =>
  assert.throws(() => parseScheduleOverrides(value), (error: Error) => {
    assert.match(error.message, /^Invalid schedule overrides/);
    assert.ok(error.message.includes(`→ at ${path}`), `${error.message}\nshould name ${path}`);
    return true;
  });

describe('schedule schema', () => {
  it('accepts the built-in v2.2 data, every server present', () => {
    assert.deepEqual(scheduleSchema.parse(GUIDELINE_SCHEDULE), GUIDELINE_SCHEDULE);
    const withoutNenkin = Object.fromEntries(Object.entries(GUIDELINE_SCHEDULE).filter(([id]) => id !== 'nenkin'));
    assert.equal(scheduleSchema.safeParse(withoutNenkin).success, false);
  });

  it('accepts overrides of hours, stops, maintenance and holidays, also as JSON text', () => {
    const overrides: ScheduleOverrides = {
      servers: {
        nenkin: { hours: [{ days: 'business-days', from: '08:30', to: '24:00' }] },
        jichitai: {
          hours: [
            { days: 'business-days', from: '08:00', to: '21:00' },
            { days: 'weekends-and-holidays', from: '08:00', to: '17:00' },
          ],
          stops: [{ on: { kind: 'yearly', month: 12, day: 29 }, from: '00:00', until: '00:00', untilDaysLater: 6, reason: 'year-end' }],
        },
      },
      maintenance: [{ server: 'juki-net', from: '2026-11-25T01:00:00+09:00', to: '2026-11-25T05:00:00.5Z', reason: 'Upgrade' }],
      extraHolidays: ['2026-12-29'],
    };
    assert.deepEqual(parseScheduleOverrides(overrides), overrides);
    assert.deepEqual(parseScheduleOverridesJson(JSON.stringify(overrides)), overrides);
    assert.deepEqual(parseScheduleOverrides({}), {});
  });

  it('rejects bad overrides with a message naming the path', () => {
    rejects({ servers: { nenkin: { hours: [{ days: 'business-days', from: '08:00', to: '25:00' }] } } }, 'servers.nenkin.hours[0].to');
    rejects({ servers: { nenkin: { hours: [{ days: 'business-days', from: '21:00', to: '08:00' }] } } }, 'servers.nenkin.hours[0].to');
    rejects({ servers: { nenkin: { hours: [{ days: 'weekdays', from: '08:00', to: '21:00' }] } } }, 'servers.nenkin.hours[0].days');
    rejects({ servers: { pension: { hours: [] } } }, 'servers');
    rejects({ servers: { nenkin: { hour: [] } } }, 'servers.nenkin');
    rejects(
      { servers: { 'juki-net': { stops: [{ on: { kind: 'nth-weekday', nth: 6, weekday: 'saturday' }, from: '22:00', until: '08:00', untilDaysLater: 1, reason: 'planned-stop' }] } } },
      'servers["juki-net"].stops[0].on.nth',
    );
    rejects(
      { servers: { 'juki-net': { stops: [{ on: { kind: 'every-day' }, from: '22:00', until: '08:00', untilDaysLater: 0, reason: 'planned-stop' }] } } },
      'servers["juki-net"].stops[0].until',
    );
    rejects(
      { servers: { 'juki-net': { stops: [{ on: { kind: 'yearly', month: 2, day: 30 }, from: '00:00', until: '00:00', untilDaysLater: 1, reason: 'year-end' }] } } },
      'servers["juki-net"].stops[0].on.day',
    );
    rejects({ maintenance: [{ server: 'nenkin', from: '2026-11-25T01:00:00', to: '2026-11-25T05:00:00+09:00' }] }, 'maintenance[0].from');
    rejects({ maintenance: [{ server: 'nenkin', from: '2026-11-25T05:00:00+09:00', to: '2026-11-25T01:00:00+09:00' }] }, 'maintenance[0].to');
    rejects({ maintenance: [{ server: 'nenkin', from: '2026-11-25T01:00:00Z', to: '2026-11-25T05:00:00Z', note: 'x' }] }, 'maintenance[0]');
    rejects({ extraHolidays: ['2026-02-30'] }, 'extraHolidays[0]');
  });

  it('rejects JSON that does not parse', () => {
    assert.throws(() => parseScheduleOverridesJson('{"servers":'), /not valid JSON/);
  });
});
