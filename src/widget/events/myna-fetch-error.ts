import { MynaFetchEvent } from './myna-fetch-event.js';

export type MynaFetchErrorCode =
  | 'config-missing-relay'
  | 'config-missing-items'
  | 'config-invalid'
  | 'popup-blocked'
  | 'relay-unreachable'
  | 'relay-rejected'
  | 'portal-error'
  | 'expired';

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
