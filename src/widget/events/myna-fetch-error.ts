import { MynaFetchEvent } from './myna-fetch-event.js';

export type MynaFetchErrorCode =
  | 'config-missing-relay'
  | 'config-missing-items'
  | 'config-invalid'
  | 'popup-blocked'
  | 'relay-unreachable'
  | 'relay-rejected'
  | 'portal-error'
  | 'expired'
  /** The card holder is not the applicant the provider's session names; nothing was received. */
  | 'subject-mismatch'
  /** A bound button's session: the client token is not the relay's, the session expired, or it is over (completed or expired). */
  | 'session-token-invalid'
  | 'session-expired'
  | 'session-closed'
  /** The relay does not allow this purpose for the items (or for the session). */
  | 'purpose-not-allowed';

export interface MynaFetchErrorDetail {
  /** Stable, machine-readable reason. */
  readonly code: MynaFetchErrorCode;
  /** The message shown to the user, in the element's language. */
  readonly message: string;
  /** Whether trying again may help. */
  readonly retryable: boolean;
}

/** Fired when a flow ends in an error; the element also shows the message. */
export class MynaFetchErrorEvent extends MynaFetchEvent<MynaFetchErrorDetail> {
  static override readonly type = 'myna-fetch-error';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-error': MynaFetchErrorEvent;
  }
}
