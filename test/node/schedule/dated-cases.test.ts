import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  availability,
  formatJapanTime,
  serverAvailability,
  type ScheduleOptions,
} from '../../../src/domain/schedule/index.js';
import {
  HOLIDAY_CASES,
  OVERRIDE_CASES,
  PLANNED_STOP_CASES,
  UTC_NOTATION_CASES,
  YEAR_END_CASES,
  type DatedCase,
} from './cases.js';

const japanTime = (iso: string) => formatJapanTime(Date.parse(iso));

function check(testCase: DatedCase): void {
  const at = new Date(testCase.at);
  const options: ScheduleOptions = testCase.overrides === undefined ? {} : { overrides: testCase.overrides };
  const result =
    'items' in testCase.target
      ? availability(testCase.target.items, at, options)
      : serverAvailability(testCase.target.server, at, options);
  const expectedNext = testCase.next === 'at' ? japanTime(testCase.at) : testCase.next && japanTime(testCase.next);
  assert.equal(result.available, testCase.available, 'available');
  assert.equal(result.nextAvailableAt, expectedNext, 'nextAvailableAt');
  if (testCase.reason !== undefined) assert.equal('reason' in result && result.reason, testCase.reason, 'reason');
}

const TABLES = {
  'holidays and hours': HOLIDAY_CASES,
  'planned stops': PLANNED_STOP_CASES,
  'year-end': YEAR_END_CASES,
  'instants written in UTC': UTC_NOTATION_CASES,
  'overrides and maintenance': OVERRIDE_CASES,
};

describe('dated cases from tables 2.5-1 .. 2.5-4', () => {
  it('has at least 60 cases', () => {
    assert.ok(Object.values(TABLES).flat().length >= 60);
  });
  for (const [title, cases] of Object.entries(TABLES)) {
    describe(title, () => {
      for (const testCase of cases) it(`${testCase.name} (${testCase.at})`, () => check(testCase));
    });
  }
});

describe('availability result', () => {
  it('lists the systems then the holding servers, each with labels and its own next instant', () => {
    const result = availability(['pension'], new Date('2026-11-23T12:00:00+09:00'));
    assert.equal(result.at, '2026-11-23T12:00:00.000+09:00');
    assert.deepEqual(
      result.servers.map((server) => server.id),
      ['mynaportal', 'joho-teikyo-nw', 'juki-net', 'jichitai', 'chiho-komuin-saigai', 'chikyosai', 'kokkyosai', 'shigaku-kyosai', 'nenkin'],
    );
    const nenkin = result.servers.find((server) => server.id === 'nenkin');
    assert.deepEqual(nenkin, {
      id: 'nenkin',
      available: false,
      nextAvailableAt: '2026-11-24T08:00:00.000+09:00',
      reason: 'hours',
      labelJa: '日本年金機構中間サーバ',
      labelEn: 'Japan Pension Service intermediate server',
    });
    const jichitai = result.servers.find((server) => server.id === 'jichitai');
    assert.equal(jichitai?.available, true);
    assert.equal(jichitai?.nextAvailableAt, result.at);
    assert.equal('reason' in (jichitai ?? {}), false);
  });

  it('accepts info numbers and fields, and rejects unknown items', () => {
    const at = new Date('2026-11-24T12:00:00+09:00');
    assert.deepEqual(
      availability(['6-1', 'localTax.salaryRevenue'], at).servers.map((server) => server.id),
      ['mynaportal', 'joho-teikyo-nw', 'juki-net', 'jichitai', 'hellowork'],
    );
    assert.throws(() => availability(['noSuchItem'], at), /Unknown catalog item/);
    assert.throws(() => availability(['localTax'], new Date('nope')), RangeError);
  });

  it('carries the maintenance announcement as a note', () => {
    const status = serverAvailability('jichitai', new Date('2026-11-25T02:00:00+09:00'), {
      overrides: {
        maintenance: [
          { server: 'jichitai', from: '2026-11-25T01:00:00+09:00', to: '2026-11-25T05:00:00+09:00', reason: 'DB upgrade' },
        ],
      },
    });
    assert.equal(status.reason, 'maintenance');
    assert.equal(status.note, 'DB upgrade');
  });

  it('searches no further than the horizon', () => {
    const at = new Date('2026-12-28T21:00:00+09:00');
    assert.equal(availability(['localTax'], at, { horizonDays: 3 }).nextAvailableAt, null);
    assert.equal(availability(['localTax'], at, { horizonDays: 7 }).nextAvailableAt, '2027-01-04T08:00:00.000+09:00');
    assert.throws(() => availability(['localTax'], at, { horizonDays: 0 }), RangeError);
  });

  it('takes a holiday calendar', () => {
    const noHolidays: ScheduleOptions = { holidays: () => false };
    assert.equal(serverAvailability('nenkin', new Date('2026-11-23T12:00:00+09:00'), noHolidays).available, true);
    const everyDayAHoliday: ScheduleOptions = { holidays: () => true };
    assert.equal(serverAvailability('nenkin', new Date('2026-11-24T12:00:00+09:00'), everyDayAHoliday).nextAvailableAt, null);
  });
});
