/** Where the user stopped. */
export type MynaFetchCancelStep = 'disclosure' | 'waiting' | 'portal' | 'portal-closed' | 'card-locked' | 'review';

export interface MynaFetchCancelDetail {
  readonly step: MynaFetchCancelStep;
}

/** The user stopped the flow; nothing was filled in. */
export class MynaFetchCancelEvent extends Event {
  static readonly type = 'myna-fetch-cancel';
  readonly detail: MynaFetchCancelDetail;

  constructor(detail: MynaFetchCancelDetail) {
    super(MynaFetchCancelEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-cancel': MynaFetchCancelEvent;
  }
}
