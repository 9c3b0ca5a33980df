import {
  MynaFetchCancelEvent,
  MynaFetchErrorEvent,
  MynaFetchFallbackRegisteredEvent,
  MynaFetchSuccessEvent,
  MynaFetchUnavailableEvent,
  type MynaFetchErrorCode,
} from '../events/index.js';
import { fill, type MessageKey, type Messages } from '../i18n/index.js';
import type { FlowState } from './fetch-flow.js';
import type { Notice } from './views/unavailable.js';

/** Each error code's message key is the code in camelCase, e.g. `config-invalid` → `configInvalid`. */
const messageKeyOf = (code: MynaFetchErrorCode) => code.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as MessageKey;

/** What the live region says in `state`. */
export function statusText(state: FlowState, messages: Messages): string {
  switch (state.phase) {
    case 'waiting':
      return messages[state.timeoutNotice === 'shown' ? 'timeoutNotice' : 'waiting'];
    case 'cancelled':
      return messages[state.step === 'card-locked' ? 'cardLocked' : state.step === 'review' ? 'discarded' : 'cancelled'];
    case 'error':
      return fill(messages[messageKeyOf(state.code)], state.values);
    case 'registered':
      return messages.fallbackRegistered;
    // The phases whose fixed status line has the phase's name.
    case 'starting':
    case 'consenting':
    case 'review':
    case 'done':
    case 'unavailable':
      return messages[state.phase];
    default:
      return '';
  }
}

/** The notice with the ways on (figure 6-1): servers down, or retrieval past the timeout. */
export function noticeOf(state: FlowState): Notice | null {
  if (state.phase === 'unavailable') return state.notice;
  return state.phase === 'waiting' && state.timeoutNotice === 'shown' ? { reason: 'timeout', servers: [], nextAvailableAt: null } : null;
}

/** The event a transition announces besides `myna-fetch-state`: an outcome, or the delay notice. `message` is `next`'s status line. */
export function outcomeEvent(next: FlowState, previous: FlowState, message: string): Event | null {
  switch (next.phase) {
    case 'waiting':
    case 'unavailable': {
      // The delay notice is announced when it first shows, not at each poll after it.
      const notice = noticeOf(next);
      const fresh = next.phase === 'unavailable' || previous.phase !== 'waiting' || previous.timeoutNotice === 'none';
      return notice && fresh ? new MynaFetchUnavailableEvent({ ...notice, servers: notice.servers.map((server) => server.id) }) : null;
    }
    case 'error':
      return new MynaFetchErrorEvent({ code: next.code, message, retryable: next.retryable });
    case 'cancelled':
      return new MynaFetchCancelEvent({ step: next.step });
    case 'done': {
      const { fields, retrieved } = next;
      const { query, retrievedAt, consent, sessionId = null } = retrieved;
      // Verified only where the relay keeps a signed result for the provider's backend: a bound flow.
      const provenance = Object.fromEntries(Object.keys(fields).map((name) => [name, sessionId ? 'verified' : 'unverified'] as const));
      return new MynaFetchSuccessEvent({ fields, values: retrieved.records[0]?.values ?? [], query, retrievedAt, consent, sessionId, provenance });
    }
    case 'registered':
      return new MynaFetchFallbackRegisteredEvent({ registrationId: next.registrationId, reason: next.reason });
    default:
      return null;
  }
}
