import type { HoursWindow, RecurringStop, Schedule } from './types.js';

// Tables 2.5-1 .. 2.5-4 of guideline v2.2, Japan time. Hours are half-open: 「8時～21時」 is up
// from 08:00:00.000 and down from 21:00:00.000. The readings of 「原則…」 rules are explained in
// docs/schedule.md.

const AROUND_THE_CLOCK: HoursWindow[] = [{ days: 'every-day', from: '00:00', to: '24:00' }];

const businessDays = (from: string, to: string): HoursWindow[] => [{ days: 'business-days', from, to }];

// 「第3土日」: the 3rd Saturday and the Sunday right after it (see docs/schedule.md).
const THIRD_WEEKEND_ALL_DAY: RecurringStop = {
  on: { kind: 'nth-weekday', nth: 3, weekday: 'saturday' },
  from: '00:00',
  until: '00:00',
  untilDaysLater: 2,
  reason: 'planned-stop',
};

export const GUIDELINE_SCHEDULE: Readonly<Schedule> = {
  // 表 2.5-1: 24時間365日.
  mynaportal: { hours: AROUND_THE_CLOCK, stops: [] },
  // 表 2.5-2: 24時間365日, 原則第3土日に計画停止.
  'joho-teikyo-nw': { hours: AROUND_THE_CLOCK, stops: [THIRD_WEEKEND_ALL_DAY] },
  // 表 2.5-3: 毎月第3土日（土曜22時～日曜8時）, 年末年始（12月28日21時～1月4日8時）.
  'juki-net': {
    hours: AROUND_THE_CLOCK,
    stops: [
      {
        on: { kind: 'nth-weekday', nth: 3, weekday: 'saturday' },
        from: '22:00',
        until: '08:00',
        untilDaysLater: 1,
        reason: 'planned-stop',
      },
      // December has 31 days, so January 4 is always 7 days after December 28.
      { on: { kind: 'yearly', month: 12, day: 28 }, from: '21:00', until: '08:00', untilDaysLater: 7, reason: 'year-end' },
    ],
  },
  // 表 2.5-4 No.1: 24時間365日, 原則第3土日に計画停止.
  jichitai: { hours: AROUND_THE_CLOCK, stops: [THIRD_WEEKEND_ALL_DAY] },
  // No.2: 8時～21時 (every day: no 「土日祝日を除く」), 原則6月・12月のいずれかの週の土日
  // にかけて計画停止 — read as the 3rd weekend of June and December.
  'chiho-komuin-saigai': {
    hours: [{ days: 'every-day', from: '08:00', to: '21:00' }],
    stops: [{ ...THIRD_WEEKEND_ALL_DAY, on: { kind: 'nth-weekday', nth: 3, weekday: 'saturday', months: [6, 12] } }],
  },
  // No.3: 7時～22時, every day.
  hellowork: { hours: [{ days: 'every-day', from: '07:00', to: '22:00' }], stops: [] },
  // No.4: 8時～21時（土日祝日を除く）, 毎日3～6時に停止.
  'iryo-hoken': {
    hours: businessDays('08:00', '21:00'),
    stops: [{ on: { kind: 'every-day' }, from: '03:00', until: '06:00', untilDaysLater: 0, reason: 'planned-stop' }],
  },
  // No.5: 8時～21時（土日祝日を除く）.
  chikyosai: { hours: businessDays('08:00', '21:00'), stops: [] },
  // No.6: 8時～21時（土日祝日を除く）, 原則第2金曜日夜間 — read as 21:00 to Saturday 08:00.
  kokkyosai: {
    hours: businessDays('08:00', '21:00'),
    stops: [
      {
        on: { kind: 'nth-weekday', nth: 2, weekday: 'friday' },
        from: '21:00',
        until: '08:00',
        untilDaysLater: 1,
        reason: 'planned-stop',
      },
    ],
  },
  // No.7: 8時～21時（土日祝日を除く）, 原則最終土曜日に計画停止 — all day.
  'shigaku-kyosai': {
    hours: businessDays('08:00', '21:00'),
    stops: [
      {
        on: { kind: 'nth-weekday', nth: 'last', weekday: 'saturday' },
        from: '00:00',
        until: '00:00',
        untilDaysLater: 1,
        reason: 'planned-stop',
      },
    ],
  },
  // No.8: 8時～21時（土日祝日を除く）.
  'rodo-kijun': { hours: businessDays('08:00', '21:00'), stops: [] },
  // No.9: 8時～23時（土日祝日を除く）.
  nenkin: { hours: businessDays('08:00', '23:00'), stops: [] },
  // No.10: 24時間365日.
  'koukin-koza': { hours: AROUND_THE_CLOCK, stops: [] },
};
