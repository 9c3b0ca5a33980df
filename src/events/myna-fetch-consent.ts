export interface MynaFetchConsentDetail {
  /** The relay's flow id (no personal data). */
  readonly flowId: string;
}

/** The user consented at the portal; retrieval is under way. */
export class MynaFetchConsentEvent extends Event {
  static readonly type = 'myna-fetch-consent';
  readonly detail: MynaFetchConsentDetail;

  constructor(detail: MynaFetchConsentDetail) {
    super(MynaFetchConsentEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'myna-fetch-consent': MynaFetchConsentEvent;
  }
}
