/** Every `myna-fetch-*` event the element can emit, e.g. for hosts that log or forward them all. */
export const MYNA_FETCH_EVENT_TYPES = [
  'myna-fetch-start',
  'myna-fetch-consent',
  'myna-fetch-success',
  'myna-fetch-cancel',
  'myna-fetch-error',
  'myna-fetch-unavailable',
  'myna-fetch-fallback-registered',
  'myna-fetch-state',
] as const;

export type MynaFetchEventType = (typeof MYNA_FETCH_EVENT_TYPES)[number];
