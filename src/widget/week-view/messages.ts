import type { WeekDownReason } from './types.js';

export type WeekLang = 'ja' | 'en';

export interface WeekMessages {
  title: string;
  loading: string;
  failed: string;
  noItems: string;
  server: string;
  up: string;
  upAllDay: string;
  downAllDay: (reason: string) => string;
  down: (reason: string) => string;
  now: string;
  holiday: string;
  legend: string;
  reasons: Record<WeekDownReason, string>;
  weekdays: readonly string[];
  day: (month: number, day: number, weekday: string) => string;
  range: (from: string, to: string) => string;
  caption: (range: string, now: string) => string;
  nowAt: (time: string) => string;
  list: (parts: string[]) => string;
  span: (from: string, to: string, what: string) => string;
}

const ja: WeekMessages = {
  title: '稼働予定（日本時間）',
  loading: '稼働予定を読み込んでいます…',
  failed: '稼働予定を取得できませんでした。',
  noItems: '取得する項目が指定されていません。',
  server: 'サーバ',
  up: '稼働',
  upAllDay: '終日稼働',
  downAllDay: (reason) => `終日停止（${reason}）`,
  down: (reason) => `停止（${reason}）`,
  now: '現在',
  holiday: '祝日',
  legend: '凡例',
  reasons: { 'planned-stop': '計画停止', maintenance: 'メンテナンス', 'year-end': '年末年始の休止', hours: '運用時間外' },
  weekdays: ['日', '月', '火', '水', '木', '金', '土'],
  day: (month, day, weekday) => `${month}月${day}日（${weekday}）`,
  range: (from, to) => `${from}〜${to}`,
  caption: (range, now) => `必要なサーバの稼働予定（日本時間、${range}）。${now}`,
  nowAt: (time) => `現在 ${time}`,
  list: (parts) => parts.join('、'),
  span: (from, to, what) => `${from}〜${to} ${what}`,
};

const en: WeekMessages = {
  title: 'Availability (Japan time)',
  loading: 'Loading the availability…',
  failed: 'The availability could not be loaded.',
  noItems: 'No items are given.',
  server: 'Server',
  up: 'Up',
  upAllDay: 'Up all day',
  downAllDay: (reason) => `Down all day (${reason})`,
  down: (reason) => `Down (${reason})`,
  now: 'Now',
  holiday: 'Holiday',
  legend: 'Legend',
  reasons: { 'planned-stop': 'planned stop', maintenance: 'maintenance', 'year-end': 'year-end closure', hours: 'outside hours' },
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  day: (month, day, weekday) => `${weekday} ${month}/${day}`,
  range: (from, to) => `${from} – ${to}`,
  caption: (range, now) => `Availability of the servers needed (Japan time, ${range}). ${now}`,
  nowAt: (time) => `Now ${time}`,
  list: (parts) => parts.join(', '),
  span: (from, to, what) => `${from}–${to} ${what}`,
};

export function weekMessages(lang: WeekLang): WeekMessages {
  return lang === 'en' ? en : ja;
}

/** `en*` is English; everything else the service's primary language, Japanese. */
export function weekLang(value: string | null | undefined): WeekLang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}
