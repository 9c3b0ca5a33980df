import { MynaFetchEvent } from './myna-fetch-event.js';

/** Where the user stopped. */
export type MynaFetchCancelStep = 'disclosure' | 'waiting' | 'portal' | 'portal-closed' | 'card-locked' | 'review';

export interface MynaFetchCancelDetail {
  readonly step: MynaFetchCancelStep;
}

/** The user stopped the flow; nothing was filled in. */
export class MynaFetchCancelEvent extends MynaFetchEvent<MynaFetchCancelDetail> {
  static override readonly type = 'myna-fetch-cancel';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-cancel': MynaFetchCancelEvent;
  }
}
