export interface MynaFetchFallbackRegisteredDetail {
  /** The relay's id for the registration; the email address itself is never in an event. */
  readonly registrationId: string;
  /** Why the user asked for a mail: the servers were down, or retrieval took too long. */
  readonly reason: 'unavailable' | 'timeout';
}

/** The user registered an email address to be told when the data can be fetched. */
export class MynaFetchFallbackRegisteredEvent extends Event {
  static readonly type = 'myna-fetch-fallback-registered';
  readonly detail: MynaFetchFallbackRegisteredDetail;

  constructor(detail: MynaFetchFallbackRegisteredDetail) {
    super(MynaFetchFallbackRegisteredEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-fallback-registered': MynaFetchFallbackRegisteredEvent;
  }
}
