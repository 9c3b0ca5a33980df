import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatJapanTime, intervals, nationalHolidays } from '../../../src/domain/schedule/index.js';

describe('Japan time, whatever the machine zone', () => {
  it('formats instants in Japan time with milliseconds', () => {
    assert.equal(formatJapanTime(Date.parse('2026-11-24T22:59:59Z')), '2026-11-25T07:59:59.000+09:00');
    assert.equal(formatJapanTime(Date.parse('2026-12-31T15:00:00.250Z')), '2027-01-01T00:00:00.250+09:00');
  });

  it('knows national, substitute and citizens\' holidays by Japanese date', () => {
    assert.equal(nationalHolidays('2026-11-23'), true);
    assert.equal(nationalHolidays('2027-01-11'), true);
    assert.equal(nationalHolidays('2027-03-22'), true); // 振替休日
    assert.equal(nationalHolidays('2026-09-22'), true); // 国民の休日
    assert.equal(nationalHolidays('2026-11-24'), false);
    assert.equal(nationalHolidays('2026-12-29'), false); // 年末年始 is not a national holiday
  });

  it('draws a week for the demo from Japanese midnight to midnight', () => {
    const week = intervals('nenkin', new Date('2026-11-21T00:00:00+09:00'), new Date('2026-11-28T00:00:00+09:00'));
    assert.deepEqual(week, [
      { from: '2026-11-21T00:00:00.000+09:00', to: '2026-11-24T08:00:00.000+09:00', up: false, reason: 'hours' },
      { from: '2026-11-24T08:00:00.000+09:00', to: '2026-11-24T23:00:00.000+09:00', up: true },
      { from: '2026-11-24T23:00:00.000+09:00', to: '2026-11-25T08:00:00.000+09:00', up: false, reason: 'hours' },
      { from: '2026-11-25T08:00:00.000+09:00', to: '2026-11-25T23:00:00.000+09:00', up: true },
      { from: '2026-11-25T23:00:00.000+09:00', to: '2026-11-26T08:00:00.000+09:00', up: false, reason: 'hours' },
      { from: '2026-11-26T08:00:00.000+09:00', to: '2026-11-26T23:00:00.000+09:00', up: true },
      { from: '2026-11-26T23:00:00.000+09:00', to: '2026-11-27T08:00:00.000+09:00', up: false, reason: 'hours' },
      { from: '2026-11-27T08:00:00.000+09:00', to: '2026-11-27T23:00:00.000+09:00', up: true },
      { from: '2026-11-27T23:00:00.000+09:00', to: '2026-11-28T00:00:00.000+09:00', up: false, reason: 'hours' },
    ]);
    assert.deepEqual(intervals('juki-net', new Date('2026-12-28T00:00:00+09:00'), new Date('2027-01-05T00:00:00+09:00')), [
      { from: '2026-12-28T00:00:00.000+09:00', to: '2026-12-28T21:00:00.000+09:00', up: true },
      { from: '2026-12-28T21:00:00.000+09:00', to: '2027-01-04T08:00:00.000+09:00', up: false, reason: 'year-end' },
      { from: '2027-01-04T08:00:00.000+09:00', to: '2027-01-05T00:00:00.000+09:00', up: true },
    ]);
    assert.deepEqual(intervals('nenkin', new Date('2026-11-24T12:00:00+09:00'), new Date('2026-11-24T12:00:00+09:00')), []);
  });
});
