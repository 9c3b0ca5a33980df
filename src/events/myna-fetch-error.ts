export type MynaFetchErrorCode = 'config-missing-relay' | 'config-missing-items';

export interface MynaFetchErrorDetail {
  /** Stable, machine-readable reason. */
  readonly code: MynaFetchErrorCode;
  /** The message shown to the user, in the element's language. */
  readonly message: string;
}

/** Fired when a flow ends in an error; the element also shows the message. */
export class MynaFetchErrorEvent extends Event {
  static readonly type = 'myna-fetch-error';
  readonly detail: MynaFetchErrorDetail;

  constructor(detail: MynaFetchErrorDetail) {
    super(MynaFetchErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-error': MynaFetchErrorEvent;
  }
}
