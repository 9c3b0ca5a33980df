/** Every step of the widget, as seen by CSS (`:state(...)`) and by analytics. */
export type MynaFetchPhase =
  | 'idle'
  | 'disclosure'
  | 'starting'
  | 'consenting'
  | 'waiting'
  | 'review'
  | 'done'
  | 'cancelled'
  | 'unavailable'
  | 'fallback'
  | 'registered'
  | 'error';

export interface MynaFetchStateDetail {
  readonly from: MynaFetchPhase;
  readonly to: MynaFetchPhase;
}

/** Fired on every transition; carries no personal data. */
export class MynaFetchStateEvent extends Event {
  static readonly type = 'myna-fetch-state';
  readonly detail: MynaFetchStateDetail;

  constructor(detail: MynaFetchStateDetail) {
    super(MynaFetchStateEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-state': MynaFetchStateEvent;
  }
}
