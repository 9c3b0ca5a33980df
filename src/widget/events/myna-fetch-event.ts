/**
 * What every `myna-fetch-*` event shares: it bubbles out of the shadow root and carries a typed
 * `detail`. Each subclass names its `type` (and whether it is `cancelable`) as statics.
 */
export class MynaFetchEvent<T> extends Event {
  declare static readonly type: string;
  declare static readonly cancelable?: boolean;
  readonly detail: T;

  constructor(detail: T) {
    super(new.target.type, { bubbles: true, composed: true, cancelable: new.target.cancelable });
    this.detail = detail;
  }
}
