import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import holidayJp from '@holiday-jp/holiday_jp';
import fc from 'fast-check';
import { INTERMEDIATE_SERVER_IDS, SERVERS, type ServerId } from '../../../src/domain/catalog/index.js';
import {
  availability,
  intervals,
  serverAvailability,
  serversNeeded,
  type ScheduleOverrides,
} from '../../../src/domain/schedule/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.parse('2026-01-01T00:00:00+09:00');
const TO = Date.parse('2029-01-01T00:00:00+09:00');

const TOP_LEVEL_ITEMS = [
  'household', 'localTax', 'publicFundAccount', 'medicalInsurance', 'vaccination', 'healthMedicalOther',
  'childcareSupport', 'disabilityWelfare', 'publicAssistanceWelfare', 'employment', 'workersCompensation', 'pension',
];
const SERVER_IDS = SERVERS.map((server) => server.id);

/** Instants spread over three years, half of them within a second of a whole hour (rule edges). */
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.integer({ min: FROM / HOUR, max: TO / HOUR }), fc.integer({ min: -1000, max: 1000 }))
    .map(([hour, offset]) => hour * HOUR + offset),
);
const items = fc.subarray(TOP_LEVEL_ITEMS, { minLength: 1 });

const maintenanceOverrides: fc.Arbitrary<ScheduleOverrides> = fc
  .array(
    fc.record({
      server: fc.constantFrom(...SERVER_IDS),
      start: fc.integer({ min: FROM, max: TO }),
      length: fc.integer({ min: 1, max: 3 * DAY }),
    }),
    { maxLength: 4 },
  )
  .map((windows) => ({
    maintenance: windows.map(({ server, start, length }) => ({
      server,
      from: new Date(start).toISOString(),
      to: new Date(start + length).toISOString(),
    })),
  }));

/** Table 2.5-1 .. 2.5-4 written out naively, independently of the engine's data and walk. */
function referenceUp(server: ServerId, at: number): boolean {
  const japan = new Date(at + 9 * HOUR);
  const weekday = japan.getUTCDay();
  const date = japan.getUTCDate();
  const month = japan.getUTCMonth() + 1;
  const minutes = japan.getUTCHours() * 60 + japan.getUTCMinutes();
  const holiday = japan.toISOString().slice(0, 10) in holidayJp.holidays;
  const businessDay = weekday >= 1 && weekday <= 5 && !holiday;
  const thirdSaturday = weekday === 6 && date >= 15 && date <= 21;
  const sundayAfterThirdSaturday = weekday === 0 && date >= 16 && date <= 22;
  const between = (from: number, to: number) => minutes >= from * 60 && minutes < to * 60;
  const weekdayHours = businessDay && between(8, 21);
  const yearEnd =
    (month === 12 && (date > 28 || (date === 28 && minutes >= 21 * 60))) ||
    (month === 1 && (date < 4 || (date === 4 && minutes < 8 * 60)));
  switch (server) {
    case 'mynaportal':
    case 'koukin-koza':
      return true;
    case 'joho-teikyo-nw':
    case 'jichitai':
      return !thirdSaturday && !sundayAfterThirdSaturday;
    case 'juki-net':
      return !(thirdSaturday && minutes >= 22 * 60) && !(sundayAfterThirdSaturday && minutes < 8 * 60) && !yearEnd;
    case 'chiho-komuin-saigai':
      return between(8, 21) && !((month === 6 || month === 12) && (thirdSaturday || sundayAfterThirdSaturday));
    case 'hellowork':
      return between(7, 22);
    case 'iryo-hoken':
    case 'chikyosai':
    case 'rodo-kijun':
      return weekdayHours;
    case 'kokkyosai':
      return weekdayHours; // its 2nd-Friday night stop lies outside these hours
    case 'shigaku-kyosai':
      return weekdayHours; // so does its last-Saturday stop
    case 'nenkin':
      return businessDay && between(8, 23);
  }
}

describe('availability properties', () => {
  it('agrees with a naive reading of the tables', () => {
    fc.assert(
      fc.property(items, instant, (keys, at) => {
        const result = availability(keys, new Date(at));
        for (const server of result.servers) assert.equal(server.available, referenceUp(server.id, at), server.id);
        assert.equal(result.available, serversNeeded(keys).every((id) => referenceUp(id, at)));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the first instant at or after `at` when every needed server is up', () => {
    fc.assert(
      fc.property(items, instant, maintenanceOverrides, (keys, at, overrides) => {
        const result = availability(keys, new Date(at), { overrides });
        assert.equal(result.available, result.nextAvailableAt === result.at);
        if (result.nextAvailableAt === null) return;
        const next = Date.parse(result.nextAvailableAt);
        assert.ok(next >= at, 'never before at');
        assert.equal(availability(keys, new Date(next), { overrides }).available, true, 'up at nextAvailableAt');
        if (!result.available) {
          assert.equal(availability(keys, new Date(next - 1), { overrides }).available, false, 'down 1 ms before');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('holds the same laws for one server', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVER_IDS), instant, maintenanceOverrides, (id, at, overrides) => {
        const status = serverAvailability(id, new Date(at), { overrides });
        if (status.nextAvailableAt === null) return assert.equal(status.available, false);
        const next = Date.parse(status.nextAvailableAt);
        assert.equal(status.available, next === at);
        assert.ok(next >= at);
        assert.equal(serverAvailability(id, new Date(next), { overrides }).available, true);
        if (!status.available) assert.equal(serverAvailability(id, new Date(next - 1), { overrides }).available, false);
      }),
      { numRuns: 400 },
    );
  });

  it('draws intervals that tile the range and agree with serverAvailability', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INTERMEDIATE_SERVER_IDS, 'juki-net' as const),
        instant,
        fc.integer({ min: 1, max: 9 * DAY }),
        maintenanceOverrides,
        (id, from, length, overrides) => {
          const drawn = intervals(id, new Date(from), new Date(from + length), { overrides });
          assert.equal(Date.parse(drawn[0]!.from), from);
          assert.equal(Date.parse(drawn.at(-1)!.to), from + length);
          for (const [index, interval] of drawn.entries()) {
            const start = Date.parse(interval.from);
            const end = Date.parse(interval.to);
            assert.ok(start < end);
            if (index > 0) {
              const previous = drawn[index - 1]!;
              assert.equal(previous.to, interval.from, 'contiguous');
              assert.ok(previous.up !== interval.up || previous.reason !== interval.reason || previous.note !== interval.note, 'merged');
            }
            for (const probe of [start, end - 1]) {
              const status = serverAvailability(id, new Date(probe), { overrides });
              assert.equal(status.available, interval.up);
              assert.equal(status.reason, interval.reason);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
