import { MynaFetchEvent } from './myna-fetch-event.js';

export interface MynaFetchConsentDetail {
  /** The relay's flow id (no personal data). */
  readonly flowId: string;
}

/** The user consented at the portal; retrieval is under way. */
export class MynaFetchConsentEvent extends MynaFetchEvent<MynaFetchConsentDetail> {
  static override readonly type = 'myna-fetch-consent';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-consent': MynaFetchConsentEvent;
  }
}
