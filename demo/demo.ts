import { MYNA_FETCH_EVENT_TYPES } from '../src/widget/events/index.js';
import '../src/widget/week-view/index.js';

// The demo's side panel: every widget event with its detail, as a frontend developer wants to see it.

const log = document.querySelector<HTMLOListElement>('#event-log')!;

for (const type of MYNA_FETCH_EVENT_TYPES) {
  document.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = `${new Date().toLocaleTimeString('ja-JP')} ${type}`;
    const detail = document.createElement('pre');
    detail.textContent = JSON.stringify((event as CustomEvent).detail, null, 2);
    entry.append(name, detail);
    log.prepend(entry);
  });
}

document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());

document.querySelector<HTMLSelectElement>('#mode')!.addEventListener('change', (event) => {
  const mode = (event.target as HTMLSelectElement).value;
  for (const button of document.querySelectorAll('myna-fetch-button')) button.setAttribute('mode', mode);
});

document.querySelector<HTMLSelectElement>('#lang')!.addEventListener('change', (event) => {
  document.documentElement.lang = (event.target as HTMLSelectElement).value;
  for (const button of document.querySelectorAll('myna-fetch-button')) button.requestUpdate();
  for (const view of document.querySelectorAll('myna-availability-week')) view.requestUpdate();
});

// The week view follows the form's items: every <myna-fetch-button> on the page.

const week = document.querySelector('myna-availability-week');
const formItems = [...new Set([...document.querySelectorAll('myna-fetch-button')].flatMap((button) => button.itemKeys))];
if (week && formItems.length > 0) week.items = formItems.join(',');

// The demo clock: moves the relay's and the sandbox's clocks together (development routes only).

const RELAY_CLOCK_URL = 'http://localhost:8787/v1/dev/clock';
const SANDBOX_CLOCK_URL = 'http://localhost:8788/dev/clock';
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const clockForm = document.querySelector<HTMLFormElement>('#clock-form')!;
const clockInput = document.querySelector<HTMLInputElement>('#clock-at')!;
const clockStatus = document.querySelector<HTMLParagraphElement>('#clock-status')!;

/** A UTC date whose UTC fields read as Japan time. */
const japanFields = (instant: number) => new Date(instant + JAPAN_OFFSET_MS);
const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM` (datetime-local) in Japan time. */
function localValue(instant: number): string {
  const d = japanFields(instant);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The instant of a Japan-time wall clock. */
const japanInstant = (year: number, month: number, day: number, hours: number) => Date.UTC(year, month - 1, day, hours) - JAPAN_OFFSET_MS;

function thirdSaturday(year: number, month: number): number {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((6 - firstWeekday + 7) % 7) + 14;
}

/** The preset's instant, the first one after `now`. */
function presetInstant(preset: string, now: number): number {
  const today = japanFields(now);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  switch (preset) {
    case 'third-saturday': {
      const thisMonth = japanInstant(year, month, thirdSaturday(year, month), 23);
      if (thisMonth > now) return thisMonth;
      const next = month === 12 ? [year + 1, 1] : [year, month + 1];
      return japanInstant(next[0]!, next[1]!, thirdSaturday(next[0]!, next[1]!), 23);
    }
    case 'weekday': {
      for (let days = 1; ; days += 1) {
        const day = japanFields(now + days * DAY_MS);
        if (day.getUTCDay() >= 1 && day.getUTCDay() <= 5) return japanInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 9);
      }
    }
    default:
      return japanInstant(year, 12, 31, 12);
  }
}

interface ClockAnswer {
  now: string;
}

async function postClock(url: string, body: { at: string } | { reset: true }): Promise<ClockAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${new URL(url).host}: ${response.status}`);
  return (await response.json()) as ClockAnswer;
}

async function readClock(): Promise<void> {
  try {
    const response = await fetch(RELAY_CLOCK_URL, { credentials: 'omit' });
    if (!response.ok) throw new Error(String(response.status));
    const { now } = (await response.json()) as ClockAnswer;
    clockInput.value = localValue(Date.parse(now));
    clockStatus.textContent = `リレーの時計: ${localValue(Date.parse(now)).replace('T', ' ')}`;
  } catch {
    clockInput.value = localValue(Date.now());
    clockStatus.textContent = 'リレーの時計を読めませんでした（npm start で起動していますか）。';
  }
}

async function moveClocks(body: { at: string } | { reset: true }): Promise<void> {
  clockStatus.textContent = '時計を動かしています…';
  const results = await Promise.allSettled([postClock(RELAY_CLOCK_URL, body), postClock(SANDBOX_CLOCK_URL, body)]);
  const [relay, sandbox] = results.map((result) =>
    result.status === 'fulfilled' ? localValue(Date.parse(result.value.now)).replace('T', ' ') : `失敗 (${String(result.reason)})`,
  );
  clockStatus.textContent = `リレー: ${relay} ／ サンドボックス: ${sandbox}`;
  if (results[0]?.status === 'fulfilled') clockInput.value = localValue(Date.parse(results[0].value.now));
  await week?.refresh();
}

clockForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!clockInput.value) return;
  void moveClocks({ at: `${clockInput.value}:00+09:00` });
});

document.querySelector('#clock-reset')!.addEventListener('click', () => void moveClocks({ reset: true }));

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
  button.addEventListener('click', () => {
    clockInput.value = localValue(presetInstant(button.dataset['preset'] ?? '', Date.now()));
    clockForm.requestSubmit();
  });
}

void readClock();
