import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  MynaFetchCancelEvent,
  MynaFetchConsentEvent,
  MynaFetchErrorEvent,
  MynaFetchStartEvent,
  MynaFetchStateEvent,
  MynaFetchSuccessEvent,
  MynaFetchUnavailableEvent,
  type MynaFetchCancelStep,
  type MynaFetchErrorCode,
  type MynaFetchPhase,
} from '../events/index.js';
import { fill, langOf, messagesFor, normalizeLang, type Lang, type MessageKey, type Messages } from '../i18n/index.js';
import { FormatError } from '../mapping/index.js';
import {
  HttpRelayClient,
  RelayError,
  createFlowSecret,
  type FlowMode,
  type FlowResult,
  type FlowSuccess,
  type RelayClient,
} from '../relay-client/index.js';
import { describeInput, fillHostFields, hostScope, targetsFor, textFor } from './autofill.js';
import { ConsentWindow } from './consent-window.js';
import { rememberRedirectFlow, takeRedirectFlow, type RedirectFlow } from './redirect-flow.js';
import { mynaFetchButtonStyles } from './myna-fetch-button.styles.js';

const errorMessages: Record<MynaFetchErrorCode, MessageKey> = {
  'config-missing-relay': 'configMissingRelay',
  'config-missing-items': 'configMissingItems',
  'popup-blocked': 'popupBlocked',
  'relay-unreachable': 'relayUnreachable',
  'relay-rejected': 'relayRejected',
  'portal-error': 'portalError',
  expired: 'expired',
};

const POLL_INTERVAL_MS = 1000;

interface ActiveFlow extends RedirectFlow {
  readonly window: ConsentWindow | null;
  readonly startedAt: number;
}

/**
 * @summary A button that fetches the user's own government-held data from Mynaportal, with consent,
 * and fills the host form's `data-myna-field` inputs after the user has reviewed it.
 *
 * @event myna-fetch-start - Before the flow begins (cancelable). Detail: `{ items }`.
 * @event myna-fetch-consent - The user consented at the portal. Detail: `{ flowId }`.
 * @event myna-fetch-success - The user let the data fill the form. Detail: `{ fields, values, query, retrievedAt, consent }`.
 * @event myna-fetch-cancel - The user stopped. Detail: `{ step }`.
 * @event myna-fetch-unavailable - The data cannot be fetched now. Detail: `{ nextAvailableAt, servers }`.
 * @event myna-fetch-error - The flow ended in an error. Detail: `{ code, message, retryable }`.
 * @event myna-fetch-state - Every transition. Detail: `{ from, to }`; no personal data.
 *
 * @slot - The button's label; defaults to 「マイナポータルから取得する」.
 *
 * @csspart button - The button the user presses.
 * @csspart status - The live region that announces every status change.
 * @csspart review - The list of retrieved values shown before anything is filled in.
 * @csspart actions - The row of secondary buttons (cancel, fill, discard, retry).
 *
 * @cssproperty --myna-accent - Button background.
 * @cssproperty --myna-on-accent - Button text colour.
 * @cssproperty --myna-error - Colour of error messages.
 * @cssproperty --myna-radius - Corner radius.
 * @cssproperty --myna-font - Font shorthand for the whole element.
 * @cssproperty --myna-focus-ring - Outline drawn around the focused control.
 *
 * @customState idle @customState starting @customState consenting @customState waiting
 * @customState review @customState done @customState cancelled @customState unavailable @customState error
 */
export class MynaFetchButton extends LitElement {
  static override styles = mynaFetchButtonStyles;

  private readonly internals = this.attachInternals();

  @state() private phase: MynaFetchPhase = 'idle';
  @state() private statusMessage = '';
  @state() private retrieved: FlowSuccess | null = null;
  @state() private elapsedSeconds = 0;

  /** Base URL of the provider's relay, e.g. `https://relay.example.jp`. */
  @property({ attribute: 'relay' }) relay = '';

  /** Comma-separated catalog keys to fetch, e.g. `localTax.salaryRevenue`. */
  @property({ attribute: 'items' }) items = '';

  /** What the data is used for, shown in the disclosure. */
  @property({ attribute: 'purpose' }) purpose = '';

  /** Where consent happens: a pop-up window (default), a full-page redirect, or a kiosk terminal. */
  @property({ attribute: 'mode' }) mode: FlowMode = 'popup';

  /** Seconds to wait for the data before the delay notice (guideline Q&A 問2: about 20 s). */
  @property({ attribute: 'timeout', type: Number }) timeout = 20;

  /** The relay client; defaults to HTTP against `relay`. Storybook and tests supply scripted ones. */
  @property({ attribute: false }) relayClient: RelayClient | null = null;

  /** Strings to replace, by message key. */
  @property({ attribute: false }) messageOverrides: Partial<Messages> = {};

  private flow: ActiveFlow | null = null;
  /** Bumped by every start and every end, so a start still awaiting the relay knows it was cancelled. */
  private attempt = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private consentAnnounced = false;

  /** Parsed `items`: trimmed, empty entries dropped. */
  get itemKeys(): string[] {
    return this.items
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
  }

  private get effectiveLang(): Lang {
    return this.hasAttribute('lang') ? normalizeLang(this.getAttribute('lang')) : langOf(this);
  }

  private get messages(): Messages {
    return messagesFor(this.effectiveLang, this.messageOverrides);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.handleMessage);
    this.internals.states.add(this.phase);
    this.resumeRedirectFlow();
  }

  /** Back from the portal in redirect or kiosk mode: pick up the flow this page started. */
  private resumeRedirectFlow(): void {
    const resumed = takeRedirectFlow();
    if (!resumed) return;
    this.flow = { ...resumed, window: null, startedAt: Date.now() };
    this.setPhase('consenting', this.messages.consenting);
    this.schedulePoll(0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.handleMessage);
    clearTimeout(this.pollTimer);
  }

  private setPhase(next: MynaFetchPhase, message = ''): void {
    const from = this.phase;
    this.statusMessage = message;
    if (from === next) return;
    this.internals.states.delete(from);
    this.internals.states.add(next);
    this.phase = next;
    this.dispatchEvent(new MynaFetchStateEvent({ from, to: next }));
  }

  private fail(code: MynaFetchErrorCode, retryable: boolean, values: Record<string, string> = {}): void {
    this.endFlow();
    const message = fill(this.messages[errorMessages[code]], values);
    this.setPhase('error', message);
    this.dispatchEvent(new MynaFetchErrorEvent({ code, message, retryable }));
  }

  private cancel(step: MynaFetchCancelStep): void {
    const flow = this.flow;
    this.endFlow();
    if (flow) void this.client().cancelFlow(flow.id, flow.secret).catch(() => undefined);
    this.setPhase('cancelled', this.messages[step === 'card-locked' ? 'cardLocked' : 'cancelled']);
    this.dispatchEvent(new MynaFetchCancelEvent({ step }));
  }

  private endFlow(): void {
    this.attempt++;
    clearTimeout(this.pollTimer);
    this.flow?.window?.close();
    this.flow = null;
  }

  private client(): RelayClient {
    return this.relayClient ?? new HttpRelayClient(this.relay);
  }

  private readonly handleClick = (): void => {
    if (this.relay.trim() === '' && !this.relayClient) return this.fail('config-missing-relay', false);
    if (this.itemKeys.length === 0) return this.fail('config-missing-items', false);
    const start = new MynaFetchStartEvent({ items: this.itemKeys });
    if (!this.dispatchEvent(start)) return;
    // Opened before any await, or pop-up blockers refuse it.
    const consentWindow = this.mode === 'popup' ? ConsentWindow.open() : null;
    if (this.mode === 'popup' && !consentWindow) return this.fail('popup-blocked', true);
    void this.startFlow(consentWindow);
  };

  private async startFlow(consentWindow: ConsentWindow | null): Promise<void> {
    const attempt = ++this.attempt;
    this.retrieved = null;
    this.consentAnnounced = false;
    this.setPhase('starting', this.messages.starting);
    try {
      const { secret, secretHash } = await createFlowSecret();
      const started = await this.client().startFlow({
        items: this.itemKeys,
        query: { method: 'latest' },
        mode: this.mode,
        returnUrl: location.href.split('#')[0]!,
        secretHash,
      });
      if (attempt !== this.attempt) {
        consentWindow?.close();
        return void this.client().cancelFlow(started.flowId, secret).catch(() => undefined);
      }
      this.flow = {
        id: started.flowId,
        secret,
        relayOrigin: new URL(started.launchUrl).origin,
        window: consentWindow,
        startedAt: Date.now(),
      };
      this.setPhase('consenting', this.messages.consenting);
      if (consentWindow) {
        consentWindow.navigate(started.launchUrl);
        this.schedulePoll();
      } else {
        rememberRedirectFlow(this.flow);
        location.assign(started.launchUrl);
      }
    } catch (error) {
      consentWindow?.close();
      this.failFromRelay(error);
    }
  }

  private failFromRelay(error: unknown): void {
    if (error instanceof RelayError && error.code !== 'relay-unreachable') {
      this.fail('relay-rejected', false, { code: error.field ? `${error.code}: ${error.field}` : error.code });
    } else {
      this.fail('relay-unreachable', true);
    }
  }

  /** The hand-off page's note that the portal is done; only from the relay's origin and our window. */
  private readonly handleMessage = (event: MessageEvent): void => {
    const flow = this.flow;
    if (!flow || event.origin !== flow.relayOrigin || !flow.window?.isSource(event.source)) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'myna-fetch') return;
    if ((data as { flowId?: unknown }).flowId !== flow.id) return;
    this.schedulePoll(0);
  };

  private schedulePoll(delay = POLL_INTERVAL_MS): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    const flow = this.flow;
    if (!flow) return;
    let result: FlowResult;
    try {
      result = await this.client().flowResult(flow.id, flow.secret);
    } catch (error) {
      if (error instanceof RelayError && error.status === 410) return this.fail('expired', true);
      return this.failFromRelay(error);
    }
    if (this.flow !== flow) return;
    this.handleResult(flow, result);
  }

  private handleResult(flow: ActiveFlow, result: FlowResult): void {
    switch (result.status) {
      case 'awaiting-consent':
        if (flow.window?.closed) return this.cancel('portal-closed');
        return this.schedulePoll();
      case 'pending':
        this.announceConsent(flow);
        this.elapsedSeconds = Math.floor((Date.now() - flow.startedAt) / 1000);
        this.setPhase('waiting', this.messages[this.elapsedSeconds >= this.timeout ? 'timeoutNotice' : 'waiting']);
        return this.schedulePoll();
      case 'success':
        this.announceConsent(flow);
        this.endFlow();
        this.retrieved = result.result;
        return this.setPhase('review', this.messages.review);
      case 'cancelled':
        return this.cancel(result.step === 'card_locked' ? 'card-locked' : 'portal');
      case 'unavailable':
        return this.becomeUnavailable(result.nextAvailableAt, result.servers.filter((server) => !server.available).map((server) => server.id));
      case 'error':
        return this.fail(result.code === 'expired' ? 'expired' : 'portal-error', result.retryable);
    }
  }

  private announceConsent(flow: ActiveFlow): void {
    if (this.consentAnnounced) return;
    this.consentAnnounced = true;
    flow.window?.close();
    this.dispatchEvent(new MynaFetchConsentEvent({ flowId: flow.id }));
  }

  private becomeUnavailable(nextAvailableAt: string | null, servers: string[]): void {
    this.endFlow();
    const when = nextAvailableAt
      ? fill(this.messages.unavailableUntil, {
          time: new Date(nextAvailableAt).toLocaleString(this.effectiveLang === 'en' ? 'en-GB' : 'ja-JP', {
            timeZone: 'Asia/Tokyo',
            dateStyle: 'medium',
            timeStyle: 'short',
          }),
        })
      : '';
    this.setPhase('unavailable', fill(this.messages.unavailable, { when }));
    this.dispatchEvent(new MynaFetchUnavailableEvent({ nextAvailableAt, servers }));
  }

  private readonly handleFill = (): void => {
    const retrieved = this.retrieved;
    if (!retrieved) return;
    const values = retrieved.records[0]?.values ?? [];
    let fields: Record<string, string>;
    try {
      fields = fillHostFields(hostScope(this), values);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      console.error(`<myna-fetch-button>: ${error.message}`);
      return this.fail('relay-rejected', false, { code: error.message });
    }
    this.retrieved = null;
    this.setPhase('done', this.messages.done);
    this.dispatchEvent(
      new MynaFetchSuccessEvent({ fields, values, query: retrieved.query, retrievedAt: retrieved.retrievedAt, consent: retrieved.consent }),
    );
  };

  private readonly handleDiscard = (): void => {
    this.retrieved = null;
    this.setPhase('cancelled', this.messages.discarded);
    this.dispatchEvent(new MynaFetchCancelEvent({ step: 'review' }));
  };

  private readonly handleCancelWaiting = (): void => this.cancel('waiting');

  private renderReview(retrieved: FlowSuccess) {
    const messages = this.messages;
    const english = this.effectiveLang === 'en';
    const scope = hostScope(this);
    const values = retrieved.records[0]?.values ?? [];
    return html`
      <dl part="review">
        ${values.map((value) => {
          const targets = targetsFor(scope, value.key);
          const shown = value.value === null ? messages.noRecord : targets[0] ? textFor(targets[0], value) : String(value.value);
          return html`
            <dt>${english ? value.labelEn : value.labelJa}</dt>
            <dd>
              <span class="value">${shown}</span>
              <span class="target">
                ${targets.length > 0
                  ? fill(messages.reviewTarget, { field: targets.map(describeInput).join(', ') })
                  : messages.reviewNoTarget}
              </span>
            </dd>
          `;
        })}
      </dl>
      <div part="actions">
        <button type="button" class="primary" @click=${this.handleFill}>${messages.fill}</button>
        <button type="button" @click=${this.handleDiscard}>${messages.discard}</button>
      </div>
    `;
  }

  override render() {
    const messages = this.messages;
    const busy = this.phase === 'starting' || this.phase === 'consenting' || this.phase === 'waiting';
    return html`
      <button
        part="button"
        type="button"
        class="primary"
        ?disabled=${busy || this.phase === 'review'}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${this.handleClick}
      >
        <slot>${messages.buttonLabel}</slot>
      </button>
      <div part="status" role="status">${this.statusMessage}</div>
      ${this.phase === 'waiting'
        ? html`<p class="elapsed">${fill(messages.waitingElapsed, { seconds: this.elapsedSeconds })}</p>`
        : nothing}
      ${busy
        ? html`<div part="actions"><button type="button" @click=${this.handleCancelWaiting}>${messages.cancel}</button></div>`
        : nothing}
      ${this.phase === 'review' && this.retrieved ? this.renderReview(this.retrieved) : nothing}
    `;
  }
}
