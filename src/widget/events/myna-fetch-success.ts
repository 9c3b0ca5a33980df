import type { FlowSuccess, RelayValue } from '../relay-client/index.js';
import { MynaFetchEvent } from './myna-fetch-event.js';

export interface MynaFetchSuccessDetail {
  /** Host field name (or id) → the text written into it. */
  readonly fields: Readonly<Record<string, string>>;
  /** Every retrieved value with its catalog key, labels, unit and info number; all government-verified. */
  readonly values: readonly RelayValue[];
  readonly query: FlowSuccess['query'];
  readonly retrievedAt: string;
  readonly consent: FlowSuccess['consent'];
}

/** The user reviewed the data and let it fill the form. */
export class MynaFetchSuccessEvent extends MynaFetchEvent<MynaFetchSuccessDetail> {
  static override readonly type = 'myna-fetch-success';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-success': MynaFetchSuccessEvent;
  }
}
