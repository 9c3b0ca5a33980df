import type { AvailabilityWeek } from './types.js';

const t = (date: string, time: string): string => `2026-11-${date}T${time}:00.000+09:00`;

/**
 * The relay's answer for `items=localTax` from 2026-11-21 (the 3rd Saturday of November) under the
 * guideline's hours, at 23:00 that Saturday: 情報提供NWS and the 自治体中間サーバ stop all weekend,
 * 住基ネット from 22:00 to Sunday 08:00; Monday the 23rd is 勤労感謝の日. For stories, tests and docs.
 */
export const SAMPLE_WEEK: AvailabilityWeek = {
  from: t('21', '00:00'),
  to: t('28', '00:00'),
  now: t('21', '23:00'),
  days: [
    { date: '2026-11-21', weekday: 6, holiday: false },
    { date: '2026-11-22', weekday: 0, holiday: false },
    { date: '2026-11-23', weekday: 1, holiday: true, holidayJa: '勤労感謝の日', holidayEn: 'Labor Thanksgiving Day' },
    { date: '2026-11-24', weekday: 2, holiday: false },
    { date: '2026-11-25', weekday: 3, holiday: false },
    { date: '2026-11-26', weekday: 4, holiday: false },
    { date: '2026-11-27', weekday: 5, holiday: false },
  ],
  servers: [
    { id: 'mynaportal', labelJa: 'マイナポータル', labelEn: 'Mynaportal', intervals: [{ from: t('21', '00:00'), to: t('28', '00:00'), up: true }] },
    {
      id: 'joho-teikyo-nw',
      labelJa: '情報提供ネットワークシステム',
      labelEn: 'Information-sharing network system',
      intervals: [
        { from: t('21', '00:00'), to: t('23', '00:00'), up: false, reason: 'planned-stop' },
        { from: t('23', '00:00'), to: t('28', '00:00'), up: true },
      ],
    },
    {
      id: 'juki-net',
      labelJa: '住民基本台帳ネットワークシステム',
      labelEn: 'Basic resident registry network system',
      intervals: [
        { from: t('21', '00:00'), to: t('21', '22:00'), up: true },
        { from: t('21', '22:00'), to: t('22', '08:00'), up: false, reason: 'planned-stop' },
        { from: t('22', '08:00'), to: t('28', '00:00'), up: true },
      ],
    },
    {
      id: 'jichitai',
      labelJa: '自治体中間サーバ',
      labelEn: 'Local government intermediate server',
      intervals: [
        { from: t('21', '00:00'), to: t('23', '00:00'), up: false, reason: 'planned-stop' },
        { from: t('23', '00:00'), to: t('28', '00:00'), up: true },
      ],
    },
  ],
};

/** The same week with an announced maintenance window on Wednesday night (the 自治体中間サーバ). */
export const SAMPLE_WEEK_WITH_MAINTENANCE: AvailabilityWeek = {
  ...SAMPLE_WEEK,
  now: t('25', '10:00'),
  servers: SAMPLE_WEEK.servers.map((server) =>
    server.id !== 'jichitai'
      ? server
      : {
          ...server,
          intervals: [
            { from: t('21', '00:00'), to: t('23', '00:00'), up: false, reason: 'planned-stop' },
            { from: t('23', '00:00'), to: t('25', '01:00'), up: true },
            { from: t('25', '01:00'), to: t('25', '05:00'), up: false, reason: 'maintenance', note: 'Database upgrade' },
            { from: t('25', '05:00'), to: t('28', '00:00'), up: true },
          ],
        },
  ),
};
