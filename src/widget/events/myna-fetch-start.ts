import { MynaFetchEvent } from './myna-fetch-event.js';

export interface MynaFetchStartDetail {
  /** Catalog keys the user is about to fetch. */
  readonly items: readonly string[];
}

/** Fired before the flow begins; call `preventDefault()` to stop it. */
export class MynaFetchStartEvent extends MynaFetchEvent<MynaFetchStartDetail> {
  static override readonly type = 'myna-fetch-start';
  static override readonly cancelable = true;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-start': MynaFetchStartEvent;
  }
}
