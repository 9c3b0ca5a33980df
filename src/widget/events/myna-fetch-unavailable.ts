import { MynaFetchEvent } from './myna-fetch-event.js';

export interface MynaFetchUnavailableDetail {
  /** When every needed server is up again (ISO 8601), if known. */
  readonly nextAvailableAt: string | null;
  /** The ids of the servers that are down now. */
  readonly servers: readonly string[];
  /** `unavailable`: the servers are down (checked before consent); `timeout`: retrieval took too long. */
  readonly reason: 'unavailable' | 'timeout';
}

/** The data cannot be fetched right now (operating hours, planned stop, maintenance), or is taking too long. */
export class MynaFetchUnavailableEvent extends MynaFetchEvent<MynaFetchUnavailableDetail> {
  static override readonly type = 'myna-fetch-unavailable';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-unavailable': MynaFetchUnavailableEvent;
  }
}
