import { MynaFetchCancelEvent } from './myna-fetch-cancel.js';
import { MynaFetchConsentEvent } from './myna-fetch-consent.js';
import { MynaFetchErrorEvent } from './myna-fetch-error.js';
import { MynaFetchFallbackRegisteredEvent } from './myna-fetch-fallback-registered.js';
import { MynaFetchStartEvent } from './myna-fetch-start.js';
import { MynaFetchStateEvent } from './myna-fetch-state.js';
import { MynaFetchSuccessEvent } from './myna-fetch-success.js';
import { MynaFetchUnavailableEvent } from './myna-fetch-unavailable.js';

/** Every `myna-fetch-*` event the element can emit, e.g. for hosts that log or forward them all. */
export const MYNA_FETCH_EVENT_TYPES = [
  MynaFetchStartEvent.type,
  MynaFetchConsentEvent.type,
  MynaFetchSuccessEvent.type,
  MynaFetchCancelEvent.type,
  MynaFetchErrorEvent.type,
  MynaFetchUnavailableEvent.type,
  MynaFetchFallbackRegisteredEvent.type,
  MynaFetchStateEvent.type,
] as const;

export type MynaFetchEventType = (typeof MYNA_FETCH_EVENT_TYPES)[number];
