import { MynaFetchEvent } from './myna-fetch-event.js';

/**
 * Where the user stopped: `disclosure` (cancel or Esc in the dialog), `consenting` (the widget's
 * cancel while the portal was open), `portal` (cancel at the portal), `portal-closed` (the pop-up
 * closed by hand), `card-locked` (too many wrong PINs), `waiting` (the widget's cancel, or "enter it
 * myself", while the portal retrieves), `review` (discarded the values).
 */
export type MynaFetchCancelStep = 'disclosure' | 'consenting' | 'portal' | 'portal-closed' | 'card-locked' | 'waiting' | 'review';

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
