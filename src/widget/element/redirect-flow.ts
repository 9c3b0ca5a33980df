import { FLOW_FRAGMENT, RESUME_FRAGMENT } from '../../protocol/names.js';
import { rememberForm } from './form-memory.js';
import { keepInSession, takeFromSession } from './session-entry.js';

/** What a page needs to pick up its flow after a full-page trip to the portal; no personal data. */
export interface RedirectFlow {
  readonly id: string;
  readonly secret: string;
  readonly relayOrigin: string;
}

const STORAGE_KEY = 'myna-fetch:flow';
const FRAGMENT = new RegExp(`(?:^#|&)${FLOW_FRAGMENT}=([\\w-]+)`);
const MAIL_FRAGMENT = new RegExp(`(?:^#|&)${RESUME_FRAGMENT}=1`);

/** Drops the fragment the relay or the mail link added: a reload or a shared link finds nothing to act on. */
const dropFragment = () => history.replaceState(history.state, '', location.pathname + location.search);

/** True once when the page was opened through the resume link of a fallback mail (`#myna-resume=1`). */
export function takeMailResume(): boolean {
  if (!MAIL_FRAGMENT.test(location.hash)) return false;
  dropFragment();
  return true;
}

/**
 * The full-page trip to the portal: the flow and the half-filled form `scope` are kept in
 * sessionStorage (per tab, gone with it, never sent anywhere), then the page leaves.
 */
export function leaveForPortal({ id, secret, relayOrigin }: RedirectFlow, launchUrl: string, scope: ParentNode): void {
  keepInSession(STORAGE_KEY, { id, secret, relayOrigin });
  rememberForm(scope);
  location.assign(launchUrl);
}

/**
 * The flow named by the relay's `#myna-flow=<id>` fragment, if this tab started it. Taken once: the
 * fragment and the stored entry are removed so a reload or a shared link cannot resume it.
 */
export function takeRedirectFlow(): RedirectFlow | null {
  const match = FRAGMENT.exec(location.hash);
  if (!match) return null;
  dropFragment();
  const flow = takeFromSession(STORAGE_KEY) as Partial<RedirectFlow> | null;
  return flow?.id === match[1] ? (flow as RedirectFlow) : null;
}
