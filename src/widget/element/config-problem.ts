import { PURPOSE_ID } from '../../protocol/names.js';
import type { MynaFetchErrorCode } from '../events/index.js';
import type { Query } from '../relay-client/index.js';
import type { AttributeProblem } from './query-attributes.js';

const MAX_TIMEOUT_SECONDS = 600;

/** What the button would start with, as its attributes and the config's settings give it. */
export interface EffectiveSettings {
  /** The relay's base URL; null when a relay client supplied from JavaScript stands in for it. */
  readonly relay: string | null;
  /** A bound button's client token: the session decides items, query and purpose, so they are not checked. */
  readonly session: string;
  readonly items: readonly string[];
  readonly purpose: string;
  readonly query: Query | AttributeProblem;
  readonly mode: string;
  readonly timeout: number;
}

/** An absolute http(s) URL, as the relay's base must be; anything else would fail as "unreachable". */
function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A configuration problem, named by attribute, or null when the element can start. */
export function configProblem({ relay, session, items, purpose, query, mode, timeout }: EffectiveSettings): [MynaFetchErrorCode, Record<string, string>] | null {
  if (relay === '') return ['config-missing-relay', {}];
  if (items.length === 0 && !session) return ['config-missing-items', {}];
  if ('attribute' in query && !session) return ['config-invalid', { attribute: query.attribute, reason: query.reason }];
  if (!['popup', 'redirect', 'kiosk'].includes(mode)) return ['config-invalid', { attribute: 'mode', reason: `"${mode}" is not popup, redirect or kiosk` }];
  // A timeout that is not a number would never show the delay notice: a silent failure.
  if (!(timeout > 0 && timeout <= MAX_TIMEOUT_SECONDS)) {
    return ['config-invalid', { attribute: 'timeout', reason: `"${timeout}" is not 1 to ${MAX_TIMEOUT_SECONDS} seconds` }];
  }
  if (relay !== null && !isHttpUrl(relay)) return ['config-invalid', { attribute: 'relay', reason: `"${relay}" is not an http(s) URL` }];
  // An id of the relay's purpose table, no longer a text for the disclosure: the relay would refuse it.
  if (purpose && !session && !PURPOSE_ID.test(purpose)) return ['config-invalid', { attribute: 'purpose', reason: `"${purpose}" is not a purpose id` }];
  return null;
}
