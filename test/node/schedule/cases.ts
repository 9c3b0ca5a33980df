import type { ServerId } from '../../../src/domain/catalog/index.js';
import type { DownReason, ScheduleOverrides } from '../../../src/domain/schedule/index.js';

/**
 * A case read off tables 2.5-1 .. 2.5-4 of guideline v2.2 by hand. Calendar facts used:
 * 2026-11-23 (Mon) 勤労感謝の日; 2027-01-11 (Mon) 成人の日; 2027-03-22 (Mon) 振替休日 of 春分の日;
 * 3rd Saturdays: 2026-06-20, 2026-11-21, 2026-12-19, 2027-03-20; 2nd Friday of 2026-11: the 13th;
 * last Saturdays: 2026-10-31, 2026-11-28; 2026-11-15 is November's 3rd Sunday (not a stop, see docs).
 */
export interface DatedCase {
  name: string;
  target: { items: string[] } | { server: ServerId };
  at: string;
  available: boolean;
  /** Expected nextAvailableAt; `'at'` when available now. */
  next: string | 'at' | null;
  reason?: DownReason;
  overrides?: ScheduleOverrides;
}

const items = (...keys: string[]) => ({ items: keys });
const server = (id: ServerId) => ({ server: id });

const maintenance: ScheduleOverrides = {
  maintenance: [
    { server: 'jichitai', from: '2026-11-25T01:00:00+09:00', to: '2026-11-25T05:00:00+09:00', reason: 'DB upgrade' },
    { server: 'nenkin', from: '2026-11-24T11:00:00Z', to: '2026-11-25T00:00:00Z' },
  ],
};

export const HOLIDAY_CASES: DatedCase[] = [
  { name: 'nenkin on Labour Thanksgiving Day (Mon)', target: server('nenkin'), at: '2026-11-23T12:00:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
  { name: 'nenkin 1 ms before opening', target: server('nenkin'), at: '2026-11-24T07:59:59.999+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
  { name: 'nenkin at opening', target: server('nenkin'), at: '2026-11-24T08:00:00+09:00', available: true, next: 'at' },
  { name: 'nenkin just before 23:00', target: server('nenkin'), at: '2026-11-24T22:59:59+09:00', available: true, next: 'at' },
  { name: 'nenkin at 23:00', target: server('nenkin'), at: '2026-11-24T23:00:00+09:00', available: false, next: '2026-11-25T08:00:00+09:00', reason: 'hours' },
  { name: 'nenkin Saturday before a Monday holiday', target: server('nenkin'), at: '2026-11-21T10:00:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
  { name: 'nenkin Friday 22:30', target: server('nenkin'), at: '2026-11-20T22:30:00+09:00', available: true, next: 'at' },
  { name: 'nenkin Friday 23:30 skips the holiday weekend', target: server('nenkin'), at: '2026-11-20T23:30:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
  { name: 'pension on the holiday', target: items('pension'), at: '2026-11-23T12:00:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00' },
  { name: 'pension at 20:59:59 on a weekday', target: items('pension'), at: '2026-11-24T20:59:59+09:00', available: true, next: 'at' },
  { name: 'pension at 21:00 (kyosai servers close)', target: items('pension'), at: '2026-11-24T21:00:00+09:00', available: false, next: '2026-11-25T08:00:00+09:00' },
  { name: 'rodo-kijun on Coming of Age Day', target: server('rodo-kijun'), at: '2027-01-11T10:00:00+09:00', available: false, next: '2027-01-12T08:00:00+09:00', reason: 'hours' },
  { name: 'workers compensation on Coming of Age Day', target: items('workersCompensation'), at: '2027-01-11T10:00:00+09:00', available: false, next: '2027-01-12T08:00:00+09:00' },
  { name: 'chiho-komuin-saigai runs on holidays', target: server('chiho-komuin-saigai'), at: '2027-01-11T10:00:00+09:00', available: true, next: 'at' },
  { name: 'employment before Hello Work opens on a holiday', target: items('employment'), at: '2027-01-11T06:59:00+09:00', available: false, next: '2027-01-11T07:00:00+09:00' },
  { name: 'employment at 07:00 on a holiday', target: items('employment'), at: '2027-01-11T07:00:00+09:00', available: true, next: 'at' },
  { name: 'chikyosai on the substitute holiday', target: server('chikyosai'), at: '2027-03-22T09:00:00+09:00', available: false, next: '2027-03-23T08:00:00+09:00', reason: 'hours' },
  { name: 'chikyosai Friday 1 ms before 21:00', target: server('chikyosai'), at: '2027-03-19T20:59:59.999+09:00', available: true, next: 'at' },
  { name: 'chikyosai Friday 21:00 skips weekend and substitute holiday', target: server('chikyosai'), at: '2027-03-19T21:00:00+09:00', available: false, next: '2027-03-23T08:00:00+09:00', reason: 'hours' },
  { name: 'medical insurance on the substitute holiday', target: items('medicalInsurance'), at: '2027-03-22T12:00:00+09:00', available: false, next: '2027-03-23T08:00:00+09:00' },
  { name: 'local tax on the substitute holiday', target: items('localTax'), at: '2027-03-22T12:00:00+09:00', available: true, next: 'at' },
  { name: 'nenkin on New Year\'s Day', target: server('nenkin'), at: '2027-01-01T10:00:00+09:00', available: false, next: '2027-01-04T08:00:00+09:00', reason: 'hours' },
  { name: 'nenkin on Dec 30 (a weekday, not a national holiday)', target: server('nenkin'), at: '2026-12-30T10:00:00+09:00', available: true, next: 'at' },
  { name: 'hellowork 1 ms before 22:00 on a holiday', target: server('hellowork'), at: '2026-11-23T21:59:59.999+09:00', available: true, next: 'at' },
  { name: 'hellowork at 22:00', target: server('hellowork'), at: '2026-11-23T22:00:00+09:00', available: false, next: '2026-11-24T07:00:00+09:00', reason: 'hours' },
];

export const PLANNED_STOP_CASES: DatedCase[] = [
  { name: 'local tax 1 ms before the 3rd Saturday', target: items('localTax'), at: '2026-11-20T23:59:59.999+09:00', available: true, next: 'at' },
  { name: 'local tax at 00:00 of the 3rd Saturday', target: items('localTax'), at: '2026-11-21T00:00:00+09:00', available: false, next: '2026-11-23T00:00:00+09:00' },
  { name: 'local tax late on the Sunday after', target: items('localTax'), at: '2026-11-22T23:59:59+09:00', available: false, next: '2026-11-23T00:00:00+09:00' },
  { name: 'local tax on the month\'s 3rd Sunday (not the stop)', target: items('localTax'), at: '2026-11-15T12:00:00+09:00', available: true, next: 'at' },
  { name: 'joho-teikyo-nw on the 3rd Saturday', target: server('joho-teikyo-nw'), at: '2026-11-21T12:00:00+09:00', available: false, next: '2026-11-23T00:00:00+09:00', reason: 'planned-stop' },
  { name: 'jichitai on the Sunday after the 3rd Saturday', target: server('jichitai'), at: '2026-11-22T09:00:00+09:00', available: false, next: '2026-11-23T00:00:00+09:00', reason: 'planned-stop' },
  { name: 'juki-net 3rd Saturday 21:59:59', target: server('juki-net'), at: '2026-11-21T21:59:59+09:00', available: true, next: 'at' },
  { name: 'juki-net 3rd Saturday 22:00', target: server('juki-net'), at: '2026-11-21T22:00:00+09:00', available: false, next: '2026-11-22T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'juki-net Sunday 07:59:59.999', target: server('juki-net'), at: '2026-11-22T07:59:59.999+09:00', available: false, next: '2026-11-22T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'juki-net Sunday 08:00', target: server('juki-net'), at: '2026-11-22T08:00:00+09:00', available: true, next: 'at' },
  { name: 'public fund account waits for the network', target: items('publicFundAccount'), at: '2026-11-21T10:00:00+09:00', available: false, next: '2026-11-23T00:00:00+09:00' },
  { name: 'mynaportal on the 3rd Saturday', target: server('mynaportal'), at: '2026-11-21T12:00:00+09:00', available: true, next: 'at' },
  { name: 'chiho-komuin-saigai on the 3rd Saturday of December', target: server('chiho-komuin-saigai'), at: '2026-12-19T10:00:00+09:00', available: false, next: '2026-12-21T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'chiho-komuin-saigai on the 3rd Saturday of November', target: server('chiho-komuin-saigai'), at: '2026-11-21T10:00:00+09:00', available: true, next: 'at' },
  { name: 'chiho-komuin-saigai on the 3rd Saturday of June', target: server('chiho-komuin-saigai'), at: '2026-06-20T12:00:00+09:00', available: false, next: '2026-06-22T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'chiho-komuin-saigai on the 2nd Saturday of June', target: server('chiho-komuin-saigai'), at: '2026-06-13T12:00:00+09:00', available: true, next: 'at' },
  { name: 'iryo-hoken at 04:00 (daily stop)', target: server('iryo-hoken'), at: '2026-11-24T04:00:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'iryo-hoken at 02:59:59', target: server('iryo-hoken'), at: '2026-11-24T02:59:59+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
  { name: 'iryo-hoken at 06:00', target: server('iryo-hoken'), at: '2026-11-24T06:00:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
  { name: 'kokkyosai 2nd Friday 20:59:59', target: server('kokkyosai'), at: '2026-11-13T20:59:59+09:00', available: true, next: 'at' },
  { name: 'kokkyosai 2nd Friday 21:00', target: server('kokkyosai'), at: '2026-11-13T21:00:00+09:00', available: false, next: '2026-11-16T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'kokkyosai 1st Friday 21:00', target: server('kokkyosai'), at: '2026-11-06T21:00:00+09:00', available: false, next: '2026-11-09T08:00:00+09:00', reason: 'hours' },
  { name: 'shigaku-kyosai on the last Saturday', target: server('shigaku-kyosai'), at: '2026-11-28T12:00:00+09:00', available: false, next: '2026-11-30T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'shigaku-kyosai on Oct 31, a month ending on Saturday', target: server('shigaku-kyosai'), at: '2026-10-31T12:00:00+09:00', available: false, next: '2026-11-02T08:00:00+09:00', reason: 'planned-stop' },
  { name: 'shigaku-kyosai on Oct 24, a week before the last', target: server('shigaku-kyosai'), at: '2026-10-24T12:00:00+09:00', available: false, next: '2026-10-26T08:00:00+09:00', reason: 'hours' },
  { name: 'shigaku-kyosai on another Saturday', target: server('shigaku-kyosai'), at: '2026-11-21T12:00:00+09:00', available: false, next: '2026-11-24T08:00:00+09:00', reason: 'hours' },
];

export const YEAR_END_CASES: DatedCase[] = [
  { name: 'juki-net Dec 28 1 ms before 21:00', target: server('juki-net'), at: '2026-12-28T20:59:59.999+09:00', available: true, next: 'at' },
  { name: 'juki-net Dec 28 21:00', target: server('juki-net'), at: '2026-12-28T21:00:00+09:00', available: false, next: '2027-01-04T08:00:00+09:00', reason: 'year-end' },
  { name: 'juki-net Jan 4 07:59:59.999', target: server('juki-net'), at: '2027-01-04T07:59:59.999+09:00', available: false, next: '2027-01-04T08:00:00+09:00', reason: 'year-end' },
  { name: 'juki-net Jan 4 08:00', target: server('juki-net'), at: '2027-01-04T08:00:00+09:00', available: true, next: 'at' },
  { name: 'local tax Dec 28 20:59', target: items('localTax'), at: '2026-12-28T20:59:00+09:00', available: true, next: 'at' },
  { name: 'local tax Dec 28 21:00', target: items('localTax'), at: '2026-12-28T21:00:00+09:00', available: false, next: '2027-01-04T08:00:00+09:00' },
  { name: 'pension on Dec 31', target: items('pension'), at: '2026-12-31T10:00:00+09:00', available: false, next: '2027-01-04T08:00:00+09:00' },
  { name: 'employment Dec 28 2027 20:59:59', target: items('employment'), at: '2027-12-28T20:59:59+09:00', available: true, next: 'at' },
  { name: 'employment Dec 28 2027 21:00 into 2028', target: items('employment'), at: '2027-12-28T21:00:00+09:00', available: false, next: '2028-01-04T08:00:00+09:00' },
];

export const UTC_NOTATION_CASES: DatedCase[] = [
  { name: 'nenkin 22:59:59Z = Wed 07:59:59 JST', target: server('nenkin'), at: '2026-11-24T22:59:59Z', available: false, next: '2026-11-24T23:00:00Z', reason: 'hours' },
  { name: 'nenkin 23:00Z = Wed 08:00 JST', target: server('nenkin'), at: '2026-11-24T23:00:00Z', available: true, next: 'at' },
  { name: 'rodo-kijun 23:59:59Z = Wed 08:59:59 JST', target: server('rodo-kijun'), at: '2026-11-24T23:59:59Z', available: true, next: 'at' },
  { name: 'rodo-kijun 12:00Z = 21:00 JST', target: server('rodo-kijun'), at: '2026-11-24T12:00:00Z', available: false, next: '2026-11-24T23:00:00Z', reason: 'hours' },
  { name: 'local tax 15:00Z Friday = Saturday 00:00 JST', target: items('localTax'), at: '2026-11-20T15:00:00Z', available: false, next: '2026-11-22T15:00:00Z' },
  { name: 'local tax 14:59:59.999Z Friday = Friday JST', target: items('localTax'), at: '2026-11-20T14:59:59.999Z', available: true, next: 'at' },
  { name: 'local tax 12:00Z Dec 28 = 21:00 JST', target: items('localTax'), at: '2026-12-28T12:00:00Z', available: false, next: '2027-01-03T23:00:00Z' },
  { name: 'local tax 23:00Z Jan 3 = Jan 4 08:00 JST', target: items('localTax'), at: '2027-01-03T23:00:00Z', available: true, next: 'at' },
  { name: 'chikyosai Sunday 23:00Z = Monday holiday 08:00 JST', target: server('chikyosai'), at: '2027-03-21T23:00:00Z', available: false, next: '2027-03-22T23:00:00Z', reason: 'hours' },
];

const everyDayAroundTheClock = [{ days: 'every-day' as const, from: '00:00', to: '24:00' }];

export const OVERRIDE_CASES: DatedCase[] = [
  { name: 'nenkin with every-day 09–17 hours on the holiday', target: server('nenkin'), at: '2026-11-23T12:00:00+09:00', available: true, next: 'at', overrides: { servers: { nenkin: { hours: [{ days: 'every-day', from: '09:00', to: '17:00' }] } } } },
  { name: 'nenkin with every-day 09–17 hours at 08:30', target: server('nenkin'), at: '2026-11-24T08:30:00+09:00', available: false, next: '2026-11-24T09:00:00+09:00', reason: 'hours', overrides: { servers: { nenkin: { hours: [{ days: 'every-day', from: '09:00', to: '17:00' }] } } } },
  { name: 'local tax during jichitai maintenance', target: items('localTax'), at: '2026-11-25T02:00:00+09:00', available: false, next: '2026-11-25T05:00:00+09:00', overrides: maintenance },
  { name: 'jichitai maintenance reason', target: server('jichitai'), at: '2026-11-25T04:59:59.999+09:00', available: false, next: '2026-11-25T05:00:00+09:00', reason: 'maintenance', overrides: maintenance },
  { name: 'nenkin maintenance reaching past opening', target: server('nenkin'), at: '2026-11-24T21:00:00+09:00', available: false, next: '2026-11-25T09:00:00+09:00', reason: 'maintenance', overrides: maintenance },
  { name: 'nenkin before maintenance starts', target: server('nenkin'), at: '2026-11-24T19:59:59+09:00', available: true, next: 'at', overrides: maintenance },
  { name: 'an extra holiday closes nenkin', target: server('nenkin'), at: '2026-11-25T10:00:00+09:00', available: false, next: '2026-11-26T08:00:00+09:00', reason: 'hours', overrides: { extraHolidays: ['2026-11-25'] } },
  { name: 'iryo-hoken 03–06 stop shows once hours are 24h', target: server('iryo-hoken'), at: '2026-11-24T04:00:00+09:00', available: false, next: '2026-11-24T06:00:00+09:00', reason: 'planned-stop', overrides: { servers: { 'iryo-hoken': { hours: everyDayAroundTheClock } } } },
  { name: 'kokkyosai 2nd Friday night stop shows once hours are 24h', target: server('kokkyosai'), at: '2026-11-13T22:00:00+09:00', available: false, next: '2026-11-14T08:00:00+09:00', reason: 'planned-stop', overrides: { servers: { kokkyosai: { hours: everyDayAroundTheClock } } } },
  { name: 'juki-net without stops: no year-end', target: items('localTax'), at: '2026-12-30T10:00:00+09:00', available: true, next: 'at', overrides: { servers: { 'juki-net': { stops: [] } } } },
  {
    name: "joho-teikyo-nw moved to the month's 3rd Sunday: stopped then",
    target: items('publicFundAccount'),
    at: '2026-11-15T12:00:00+09:00',
    available: false,
    next: '2026-11-16T00:00:00+09:00',
    overrides: { servers: { 'joho-teikyo-nw': { stops: [{ on: { kind: 'nth-weekday', nth: 3, weekday: 'sunday' }, from: '00:00', until: '00:00', untilDaysLater: 1, reason: 'planned-stop' }] } } },
  },
  {
    name: "joho-teikyo-nw moved to the month's 3rd Sunday: up on the 3rd Saturday",
    target: items('publicFundAccount'),
    at: '2026-11-21T12:00:00+09:00',
    available: true,
    next: 'at',
    overrides: { servers: { 'joho-teikyo-nw': { stops: [{ on: { kind: 'nth-weekday', nth: 3, weekday: 'sunday' }, from: '00:00', until: '00:00', untilDaysLater: 1, reason: 'planned-stop' }] } } },
  },
  { name: 'nenkin never up: no next instant', target: server('nenkin'), at: '2026-11-24T12:00:00+09:00', available: false, next: null, reason: 'hours', overrides: { servers: { nenkin: { hours: [] } } } },
  { name: 'pension when nenkin is never up', target: items('pension'), at: '2026-11-24T12:00:00+09:00', available: false, next: null, overrides: { servers: { nenkin: { hours: [] } } } },
];
