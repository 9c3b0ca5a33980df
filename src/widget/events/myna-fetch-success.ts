import type { FlowSuccess, RelayValue } from '../relay-client/index.js';
import { MynaFetchEvent } from './myna-fetch-event.js';

export interface MynaFetchSuccessDetail {
  /** Host field name (or id) → the text written into it. */
  readonly fields: Readonly<Record<string, string>>;
  /** Every retrieved value with its catalog key, labels, unit and info number, as the relay handed them to the page. */
  readonly values: readonly RelayValue[];
  readonly query: FlowSuccess['query'];
  readonly retrievedAt: string;
  readonly consent: FlowSuccess['consent'];
  /**
   * The provider session the verified result waits in (a bound button: `session`), else null. Only
   * the provider's backend, redeeming the relay-signed result, can trust the values.
   */
  readonly sessionId: string | null;
  /**
   * Host field name (or id) → `verified` (a bound button's fill, as the signed result has it) or
   * `unverified` (an unbound button: what the page filled is user input like any other).
   */
  readonly provenance: Readonly<Record<string, MynaFetchProvenance>>;
}

export type MynaFetchProvenance = 'verified' | 'unverified';

/** The user reviewed the data and let it fill the form. */
export class MynaFetchSuccessEvent extends MynaFetchEvent<MynaFetchSuccessDetail> {
  static override readonly type = 'myna-fetch-success';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-success': MynaFetchSuccessEvent;
  }
}
