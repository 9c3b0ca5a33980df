export interface MynaFetchStartDetail {
  /** Catalog keys the user is about to fetch. */
  readonly items: readonly string[];
}

/** Fired before the flow begins; call `preventDefault()` to stop it. */
export class MynaFetchStartEvent extends Event {
  static readonly type = 'myna-fetch-start';
  readonly detail: MynaFetchStartDetail;

  constructor(detail: MynaFetchStartDetail) {
    super(MynaFetchStartEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-start': MynaFetchStartEvent;
  }
}
