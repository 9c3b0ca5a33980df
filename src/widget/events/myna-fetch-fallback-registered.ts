import { MynaFetchEvent } from './myna-fetch-event.js';

export interface MynaFetchFallbackRegisteredDetail {
  /** The relay's id for the registration; the email address itself is never in an event. */
  readonly registrationId: string;
  /** Why the user asked for a mail: the servers were down, or retrieval took too long. */
  readonly reason: 'unavailable' | 'timeout';
}

/** The user registered an email address to be told when the data can be fetched. */
export class MynaFetchFallbackRegisteredEvent extends MynaFetchEvent<MynaFetchFallbackRegisteredDetail> {
  static override readonly type = 'myna-fetch-fallback-registered';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-fallback-registered': MynaFetchFallbackRegisteredEvent;
  }
}
