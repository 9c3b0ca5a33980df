/**
 * The names both sides must spell alike that are not JSON shapes: headers, the hand-off message's
 * type and the URL fragments the relay sends the browser back with. No zod here, so the widget
 * may import these values.
 */

/** Sent by the widget on every mutating call: a custom header forces a CORS preflight. */
export const FETCH_HEADER = 'X-Myna-Fetch';
/** `POST /v1/fallback`: the same key and body get the first answer again. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** `type` of the hand-off page's `postMessage` to the widget (src/protocol/handoff.ts). */
export const HANDOFF_MESSAGE_TYPE = 'myna-fetch';
/** `#myna-flow=<flowId>`: back from the portal in redirect or kiosk mode. */
export const FLOW_FRAGMENT = 'myna-flow';
/** `#myna-resume=1`: back through the link of a fallback mail. */
export const RESUME_FRAGMENT = 'myna-resume';
/** An id of the relay's purpose table (`RELAY_PURPOSES`): lower case, digits, `.`, `_`, `-`. */
export const PURPOSE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
