import { MynaFetchEvent } from './myna-fetch-event.js';

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
export class MynaFetchStateEvent extends MynaFetchEvent<MynaFetchStateDetail> {
  static override readonly type = 'myna-fetch-state';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-state': MynaFetchStateEvent;
  }
}
