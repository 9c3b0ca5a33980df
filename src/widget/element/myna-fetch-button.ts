import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import {
  MynaFetchCancelEvent,
  MynaFetchConsentEvent,
  MynaFetchErrorEvent,
  MynaFetchFallbackRegisteredEvent,
  MynaFetchStartEvent,
  MynaFetchStateEvent,
  MynaFetchSuccessEvent,
  MynaFetchUnavailableEvent,
  type MynaFetchCancelStep,
  type MynaFetchErrorCode,
  type MynaFetchPhase,
} from '../events/index.js';
import { fill, langOf, messagesFor, type MessageKey, type Messages } from '../i18n/index.js';
import { FormatError } from '../../domain/mapping/index.js';
import {
  HttpRelayClient,
  RelayError,
  createFlowSecret,
  type Disclosure,
  type FlowMode,
  type FlowResult,
  type FlowSuccess,
  type Query,
  type RelayClient,
  type UnavailableServer,
} from '../relay-client/index.js';
import { fillHostFields, hostScope, targetsFor, textFor, type FieldMapping } from './autofill.js';
import { buttonLabel } from './button-label.js';
import { ConsentWindow } from './consent-window.js';
import { FallbackForm } from './fallback-form.js';
import { rememberForm, restoreForm } from './form-memory.js';
import { mynaFetchButtonStyles } from './myna-fetch-button.styles.js';
import { parseQuery } from './query-attributes.js';
import { rememberRedirectFlow, takeRedirectFlow, type RedirectFlow } from './redirect-flow.js';
import { mynaFetchSettingsContext, type MynaFetchSettings } from './settings-context.js';
import { renderDisclosure } from './views/disclosure.js';
import { renderFallbackForm } from './views/fallback.js';
import { renderReview } from './views/review.js';
import { renderUnavailable, type Notice } from './views/unavailable.js';

/** Each error code's message key is the code in camelCase, e.g. `config-invalid` → `configInvalid`. */
const messageKeyOf = (code: MynaFetchErrorCode) => code.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as MessageKey;

/** The page's own address without its fragment: where the portal and the mail link come back to. */
const returnUrl = () => location.href.split('#')[0]!;

/** An absolute http(s) URL, as the relay's base must be; anything else would fail as "unreachable". */
function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const POLL_INTERVAL_MS = 1000;
const MAX_TIMEOUT_SECONDS = 600;
const BUSY_PHASES: readonly MynaFetchPhase[] = ['starting', 'consenting', 'waiting'];

interface ActiveFlow extends RedirectFlow {
  readonly window: ConsentWindow | null;
}

const RESUME_FRAGMENT = /(?:^#|&)myna-resume=1/;

/**
 * @summary A button that fetches the user's own government-held data from Mynaportal, with consent,
 * and fills the host form's `data-myna-field` inputs after the user has reviewed it.
 *
 * @event myna-fetch-start - Before the flow begins (cancelable). Detail: `{ items }`.
 * @event myna-fetch-consent - The user consented at the portal. Detail: `{ flowId }`.
 * @event myna-fetch-success - The user let the data fill the form. Detail: `{ fields, values, query, retrievedAt, consent }`.
 * @event myna-fetch-cancel - The user stopped. Detail: `{ step }`.
 * @event myna-fetch-unavailable - The data cannot be fetched now, or retrieval passed the timeout. Detail: `{ nextAvailableAt, servers, reason }`.
 * @event myna-fetch-fallback-registered - The user registered an email for a later notice. Detail: `{ registrationId, reason }`.
 * @event myna-fetch-error - The flow ended in an error. Detail: `{ code, message, retryable }`.
 * @event myna-fetch-state - Every transition. Detail: `{ from, to }`; no personal data.
 *
 * @slot - The button's label; defaults to one naming the items, e.g. 「マイナポータルから所得情報を取得する」.
 *
 * @csspart button - The button the user presses.
 * @csspart status - The live region that announces every status change.
 * @csspart dialog - The disclosure dialog shown before anything is fetched.
 * @csspart review - The list of retrieved values shown before anything is filled in.
 * @csspart progress - The bar of elapsed time while waiting, full at the timeout.
 * @csspart notice - Why the data cannot be fetched now, with the ways on.
 * @csspart fallback - The email fallback form.
 * @csspart actions - A row of secondary buttons (cancel, continue, fill, discard).
 *
 * @cssproperty --myna-accent - Button background.
 * @cssproperty --myna-on-accent - Button text colour.
 * @cssproperty --myna-error - Colour of error messages.
 * @cssproperty --myna-radius - Corner radius.
 * @cssproperty --myna-font - Font shorthand for the whole element.
 * @cssproperty --myna-focus-ring - Outline drawn around the focused control.
 * @cssproperty --myna-surface - Background of the dialog.
 *
 * @cssstate idle - Ready; nothing under way.
 * @cssstate disclosure - The disclosure dialog is open.
 * @cssstate starting - The relay is starting the flow.
 * @cssstate consenting - The user is at the portal.
 * @cssstate waiting - Consent given; the portal is retrieving.
 * @cssstate review - The retrieved values are shown for review.
 * @cssstate done - The values filled the form.
 * @cssstate cancelled - The user stopped, or discarded the values.
 * @cssstate unavailable - The servers cannot answer now; the notice is shown.
 * @cssstate fallback - The email fallback form is shown.
 * @cssstate registered - An email was registered for a later notice.
 * @cssstate error - An error message is shown.
 */
export class MynaFetchButton extends LitElement {
  static override styles = mynaFetchButtonStyles;

  readonly #internals = this.attachInternals();

  @consume({ context: mynaFetchSettingsContext, subscribe: true })
  @state()
  private settings: MynaFetchSettings = {};

  @state() private phase: MynaFetchPhase = 'idle';
  @state() private statusMessage = '';
  @state() private disclosure: Disclosure | null = null;
  @state() private retrieved: FlowSuccess | null = null;
  @state() private elapsedSeconds = 0;
  @state() private popupBlocked = false;
  @state() private notice: Notice | null = null;

  readonly #fallbackForm = new FallbackForm(this);

  /** Base URL of the provider's relay, e.g. `https://relay.example.jp`. */
  @property() relay = '';

  /** Comma-separated catalog keys to fetch, e.g. `localTax.salaryRevenue`. */
  @property() items = '';

  /** What the data is used for, shown in the disclosure; the relay's configured purpose otherwise. */
  @property() purpose = '';

  /** Where consent happens: `popup` (default), `redirect` (full page) or `kiosk` (terminal; review is mandatory). */
  @property() mode: FlowMode | '' = '';

  /** Query method (guideline 2.6): `latest` (default), `at` (with `at`) or `range` (with `from` and `to`). */
  @property() query = '';

  /** The date for `query="at"`, `YYYY-MM-DD`. */
  @property() at = '';

  /** The first date for `query="range"`, `YYYY-MM-DD`. */
  @property() from = '';

  /** The last date for `query="range"`, `YYYY-MM-DD`. */
  @property() to = '';

  /** Seconds (1–600) to wait for the data before the delay notice (guideline Q&A 問2: about 20 s). */
  @property({ type: Number }) timeout: number | null = null;

  /** Fill the form without the review step. Ignored in kiosk mode, where review is mandatory. */
  @property({ attribute: 'skip-review', type: Boolean }) skipReview = false;

  /** Catalog key → host field (name, id or element), optionally `{ field, format }`; beside `data-myna-field`. */
  @property({ attribute: false }) mapping: FieldMapping = {};

  /** The button cannot be pressed (e.g. until the host form allows it). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The relay client; defaults to HTTP against `relay`. Storybook and tests supply scripted ones. */
  @property({ attribute: false }) relayClient: RelayClient | null = null;

  /** Strings to replace, by message key. */
  @property({ attribute: false }) messageOverrides: Partial<Messages> = {};

  #flow: ActiveFlow | null = null;
  /** Bumped by every start and every end, so a start still awaiting the relay knows it was cancelled. */
  #attempt = 0;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #consentAnnounced = false;
  #timeoutNoticed = false;
  /**
   * When the person consented (this page's clock), known from the first `pending` answer: the
   * timeout counts from the consent (Q&A 問2: about 20 s after it), not from the start, since the
   * time spent reading the portal's screens and entering the PIN is the person's own.
   */
  #consentedAt: number | null = null;

  /** Parsed `items`: trimmed, empty entries dropped. */
  get itemKeys(): string[] {
    return this.items
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
  }

  get #messages(): Messages {
    return messagesFor(langOf(this), this.messageOverrides);
  }

  get #effectiveMode(): FlowMode {
    return this.mode || this.settings.mode || 'popup';
  }

  get #effectiveTimeout(): number {
    return this.timeout ?? this.settings.timeout ?? 20;
  }

  get #effectiveQuery() {
    return parseQuery({ query: this.query, at: this.at, from: this.from, to: this.to });
  }

  /** The relay's base URL, the button's own first; '' when neither the button nor the config names one. */
  get #relayBase(): string {
    return this.relay || this.settings.relay || '';
  }

  /** A relay client supplied from JavaScript (Storybook, tests), which stands in for `relay`. */
  get #suppliedClient(): RelayClient | null {
    return this.relayClient ?? this.settings.relayClient ?? null;
  }

  #client(): RelayClient {
    return this.#suppliedClient ?? new HttpRelayClient(this.#relayBase);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#handleMessage);
    this.#internals.states.add(this.phase);
    this.#resumeRedirectFlow();
    this.#welcomeBackFromMail();
  }

  /** Arrived through the resume link of a fallback mail: say what to do next, once. */
  #welcomeBackFromMail(): void {
    if (!RESUME_FRAGMENT.test(location.hash)) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    const messages = this.#messages;
    this.statusMessage = fill(messages.resumed, { button: buttonLabel(messages, this.itemKeys) });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.#handleMessage);
    clearTimeout(this.#pollTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('phase' as keyof MynaFetchButton)) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.phase === 'disclosure' && dialog && !dialog.open) dialog.showModal();
    if (this.phase === 'fallback') this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus();
  }

  #setPhase(next: MynaFetchPhase, message = ''): void {
    const from = this.phase;
    this.statusMessage = message;
    if (from === next) return;
    // Leaving the dialog: give focus back to the button that opened it.
    if (from === 'disclosure') this.#focusMainButton();
    this.#internals.states.delete(from);
    this.#internals.states.add(next);
    this.phase = next;
    this.dispatchEvent(new MynaFetchStateEvent({ from, to: next }));
  }

  /** After the next render: the button may still be disabled in the phase being left. It renders first. */
  #focusMainButton(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector('button')!.focus());
  }

  #fail(code: MynaFetchErrorCode, retryable: boolean, values: Record<string, string> = {}): void {
    this.#endFlow();
    const message = fill(this.#messages[messageKeyOf(code)], values);
    if (code.startsWith('config-')) console.error(`<myna-fetch-button>: ${message}`);
    this.#setPhase('error', message);
    this.dispatchEvent(new MynaFetchErrorEvent({ code, message, retryable }));
  }

  /** A mapping or `data-myna-format` that does not fit the value; anything else is a bug and thrown on. */
  #failFormat(error: unknown): void {
    if (!(error instanceof FormatError)) throw error;
    this.#fail('config-invalid', false, { attribute: 'data-myna-format / mapping', reason: error.message });
  }

  #cancel(step: MynaFetchCancelStep): void {
    const flow = this.#flow;
    this.#endFlow();
    this.#cancelRemote(flow);
    this.#setPhase('cancelled', this.#messages[step === 'card-locked' ? 'cardLocked' : 'cancelled']);
    this.dispatchEvent(new MynaFetchCancelEvent({ step }));
  }

  /** Tells the relay to drop a flow; the user has moved on, so an error here changes nothing. */
  #cancelRemote(flow: Pick<ActiveFlow, 'id' | 'secret'> | null): void {
    if (flow) void this.#client().cancelFlow(flow.id, flow.secret).catch(() => undefined);
  }

  #endFlow(): void {
    this.#attempt++;
    clearTimeout(this.#pollTimer);
    this.#flow?.window?.close();
    this.#flow = null;
    this.popupBlocked = false;
    this.notice = null;
  }

  /** A configuration problem, named by attribute, or null when the element can start. */
  #configProblem(): [MynaFetchErrorCode, Record<string, string>] | null {
    const relay = this.#suppliedClient ? null : this.#relayBase;
    if (relay === '') return ['config-missing-relay', {}];
    if (this.itemKeys.length === 0) return ['config-missing-items', {}];
    const query = this.#effectiveQuery;
    if ('attribute' in query) return ['config-invalid', { attribute: query.attribute, reason: query.reason }];
    if (!['popup', 'redirect', 'kiosk'].includes(this.#effectiveMode)) {
      return ['config-invalid', { attribute: 'mode', reason: `"${this.#effectiveMode}" is not popup, redirect or kiosk` }];
    }
    // A timeout that is not a number would never show the delay notice: a silent failure.
    const timeout = this.#effectiveTimeout;
    if (!(timeout > 0 && timeout <= MAX_TIMEOUT_SECONDS)) {
      return ['config-invalid', { attribute: 'timeout', reason: `"${timeout}" is not a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}` }];
    }
    if (relay !== null && !isHttpUrl(relay)) return ['config-invalid', { attribute: 'relay', reason: `"${relay}" is not an http(s) URL` }];
    return null;
  }

  readonly #handleClick = (): void => {
    const problem = this.#configProblem();
    if (problem) return this.#fail(problem[0], false, problem[1]);
    if (!this.dispatchEvent(new MynaFetchStartEvent({ items: this.itemKeys }))) return;
    void this.#openDisclosure();
  };

  async #openDisclosure(): Promise<void> {
    const attempt = ++this.#attempt;
    this.disclosure = null;
    this.#setPhase('disclosure');
    try {
      const client = this.#client();
      // Asked together: the user learns that the servers are down before going to the portal.
      const [disclosure, availability] = await Promise.all([client.disclosure(this.itemKeys), client.availability(this.itemKeys)]);
      if (attempt !== this.#attempt) return;
      if (!availability.available) return this.#becomeUnavailable(availability.nextAvailableAt, availability.servers);
      this.disclosure = disclosure;
    } catch (error) {
      if (attempt === this.#attempt) this.#failFromRelay(error);
    }
  }

  readonly #handleContinue = (): void => {
    // Opened here, before any await, or pop-up blockers refuse it.
    if (this.#effectiveMode !== 'popup') return void this.#startFlow(null);
    const consentWindow = ConsentWindow.open();
    if (consentWindow) return void this.#startFlow(consentWindow);
    this.#fail('popup-blocked', true);
    this.popupBlocked = true;
    // The way on, for keyboard and screen-reader users: the notice is already in the live region.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#continue-here')?.focus());
  };

  readonly #handleContinueHere = (): void => void this.#startFlow(null);

  readonly #handleDialogCancel = (event: Event): void => {
    event.preventDefault();
    this.#cancel('disclosure');
  };

  async #startFlow(consentWindow: ConsentWindow | null): Promise<void> {
    const query = this.#effectiveQuery as Query;
    const attempt = ++this.#attempt;
    this.retrieved = null;
    this.#consentAnnounced = false;
    this.#timeoutNoticed = false;
    this.#consentedAt = null;
    this.popupBlocked = false;
    this.#setPhase('starting', this.#messages.starting);
    try {
      const { secret, secretHash } = await createFlowSecret();
      const started = await this.#client().startFlow({
        items: this.itemKeys,
        query,
        mode: consentWindow ? 'popup' : this.#effectiveMode === 'kiosk' ? 'kiosk' : 'redirect',
        returnUrl: returnUrl(),
        secretHash,
      });
      if (attempt !== this.#attempt) {
        consentWindow?.close();
        return this.#cancelRemote({ id: started.flowId, secret });
      }
      this.#flow = { id: started.flowId, secret, relayOrigin: new URL(started.launchUrl).origin, window: consentWindow };
      this.#setPhase('consenting', this.#messages.consenting);
      if (consentWindow) {
        consentWindow.navigate(started.launchUrl);
        this.#schedulePoll();
      } else {
        rememberRedirectFlow(this.#flow);
        rememberForm(hostScope(this));
        location.assign(started.launchUrl);
      }
    } catch (error) {
      consentWindow?.close();
      if (attempt === this.#attempt) this.#failFromRelay(error);
    }
  }

  /** Back from the portal in redirect or kiosk mode: pick up the flow this page started. */
  #resumeRedirectFlow(): void {
    const resumed = takeRedirectFlow();
    if (!resumed) return;
    // With the script in <head>, the host form is still being parsed: restore once all of it exists.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => restoreForm(hostScope(this)), { once: true });
    } else {
      restoreForm(hostScope(this));
    }
    this.#flow = { ...resumed, window: null };
    this.#consentedAt = null;
    this.#setPhase('consenting', this.#messages.consenting);
    this.#schedulePoll(0);
  }

  #failFromRelay(error: unknown): void {
    if (!(error instanceof RelayError) || error.code === 'relay-unreachable') return this.#fail('relay-unreachable', true);
    if (error.unavailable) return this.#becomeUnavailable(error.unavailable.nextAvailableAt, error.unavailable.servers);
    if (error.field) return this.#fail('config-invalid', false, { attribute: error.field, reason: error.code });
    this.#fail('relay-rejected', false, { code: error.code });
  }

  /** The hand-off page's note that the portal is done; only from the relay's origin and our window. */
  readonly #handleMessage = (event: MessageEvent): void => {
    const flow = this.#flow;
    if (!flow || event.origin !== flow.relayOrigin || !flow.window?.isSource(event.source)) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'myna-fetch') return;
    if ((data as { flowId?: unknown }).flowId !== flow.id) return;
    this.#schedulePoll(0);
  };

  #schedulePoll(delay = POLL_INTERVAL_MS): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => void this.#poll(), delay);
  }

  async #poll(): Promise<void> {
    const flow = this.#flow;
    if (!flow) return;
    let result: FlowResult;
    try {
      result = await this.#client().flowResult(flow.id, flow.secret);
    } catch (error) {
      if (this.#flow !== flow) return;
      if (error instanceof RelayError && error.status === 410) return this.#fail('expired', true);
      return this.#failFromRelay(error);
    }
    if (this.#flow === flow) this.#handleResult(flow, result);
  }

  #handleResult(flow: ActiveFlow, result: FlowResult): void {
    switch (result.status) {
      case 'awaiting-consent':
        if (flow.window?.closed) return this.#cancel('portal-closed');
        return this.#schedulePoll();
      case 'pending':
        this.#announceConsent(flow);
        // The relay says how long ago the consent was; later answers are timed on this page's clock.
        this.#consentedAt ??= Date.now() - (result.elapsedMs ?? 0);
        this.elapsedSeconds = Math.floor((Date.now() - this.#consentedAt) / 1000);
        if (this.phase !== 'waiting') this.#setPhase('waiting', this.#messages.waiting);
        if (this.elapsedSeconds >= this.#effectiveTimeout && !this.#timeoutNoticed) this.#noticeTimeout();
        return this.#schedulePoll();
      case 'success':
        this.#announceConsent(flow);
        this.#endFlow();
        // A mapping or format that does not fit is found now, before the review shows anything.
        try {
          for (const value of result.result.records[0]?.values ?? []) {
            for (const target of targetsFor(hostScope(this), value.key, this.mapping)) textFor(target, value);
          }
        } catch (error) {
          return this.#failFormat(error);
        }
        this.retrieved = result.result;
        if (this.skipReview && this.#effectiveMode !== 'kiosk') return this.#handleFill();
        return this.#setPhase('review', this.#messages.review);
      case 'cancelled':
        return this.#cancel(result.step === 'card_locked' ? 'card-locked' : 'portal');
      case 'unavailable':
        return this.#becomeUnavailable(result.nextAvailableAt, result.servers);
      case 'error':
        return this.#fail(result.code === 'expired' ? 'expired' : 'portal-error', result.retryable);
    }
  }

  #announceConsent(flow: ActiveFlow): void {
    if (this.#consentAnnounced) return;
    this.#consentAnnounced = true;
    flow.window?.close();
    this.dispatchEvent(new MynaFetchConsentEvent({ flowId: flow.id }));
  }

  #becomeUnavailable(nextAvailableAt: string | null, servers: readonly UnavailableServer[]): void {
    this.#endFlow();
    const down = servers.filter((server) => !server.available);
    this.notice = { reason: 'unavailable', servers: down, nextAvailableAt };
    this.#setPhase('unavailable', this.#messages.unavailable);
    this.dispatchEvent(new MynaFetchUnavailableEvent({ nextAvailableAt, servers: down.map((server) => server.id), reason: 'unavailable' }));
  }

  /** Retrieval passed the timeout (Q&A 問2: about 20 s): the same ways on, while polling goes on. */
  #noticeTimeout(): void {
    this.#timeoutNoticed = true;
    this.notice = { reason: 'timeout', servers: [], nextAvailableAt: null };
    this.statusMessage = this.#messages.timeoutNotice;
    this.dispatchEvent(new MynaFetchUnavailableEvent({ nextAvailableAt: null, servers: [], reason: 'timeout' }));
  }

  readonly #handleEnterManually = (): void => {
    const reason = this.notice?.reason;
    if (reason === 'timeout') this.#cancel('waiting');
    else this.#setPhase('idle');
    this.notice = null;
    const scope = hostScope(this);
    let target: HTMLElement | undefined;
    try {
      target = this.itemKeys.flatMap((key) => targetsFor(scope, key, this.mapping))[0]?.input;
    } catch {
      // A broken mapping is reported when the values are filled; here the button keeps focus.
    }
    if (target) target.focus();
    else this.#focusMainButton();
  };

  readonly #handleLater = (): void => {
    if (this.notice?.reason === 'timeout') {
      this.notice = null;
      this.statusMessage = this.#messages.waiting;
      return;
    }
    this.notice = null;
    this.#setPhase('idle');
    this.#focusMainButton();
  };

  readonly #handleEmailMe = (): void => {
    clearTimeout(this.#pollTimer);
    this.#fallbackForm.reset();
    this.#setPhase('fallback');
  };

  readonly #handleFallbackSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.#fallbackForm;
    if (form.submitting) return;
    if (!form.validate(this.#messages)) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      this.statusMessage = this.#messages.fallbackErrors;
      return;
    }
    const query = this.#effectiveQuery as Query;
    const flow = this.#flow;
    const reason = this.notice?.reason ?? 'unavailable';
    form.setSubmitting(true);
    try {
      const { registrationId } = await this.#client().registerFallback(
        {
          email: form.email.trim(),
          emailConfirmation: form.emailConfirmation.trim(),
          items: this.itemKeys,
          query,
          returnUrl: returnUrl(),
          reason,
          lang: langOf(this),
          ...(flow ? { flowId: flow.id, secret: flow.secret } : {}),
        },
        form.idempotencyKey,
      );
      this.#endFlow();
      form.reset();
      this.#setPhase('registered', this.#messages.fallbackRegistered);
      this.#focusMainButton();
      this.dispatchEvent(new MynaFetchFallbackRegisteredEvent({ registrationId, reason }));
    } catch (error) {
      form.setSubmitting(false);
      if (error instanceof RelayError && (error.field === 'email' || error.field === 'emailConfirmation')) {
        const message = error.code === 'email-mismatch' ? this.#messages.fallbackMismatch : error.code === 'email-too-long' ? this.#messages.fallbackEmailTooLong : this.#messages.fallbackEmailInvalid;
        form.setErrors({ [error.field]: message });
        this.statusMessage = this.#messages.fallbackErrors;
        return;
      }
      this.#failFromRelay(error);
    }
  };

  readonly #handleFallbackCancel = (): void => {
    this.#fallbackForm.reset();
    // From the timeout notice a flow is still under way: stopping it is a cancel, its one terminal event.
    if (this.#flow) {
      this.#cancel('waiting');
    } else {
      this.#endFlow();
      this.#setPhase('idle');
    }
    this.#focusMainButton();
  };

  readonly #handleFill = (): void => {
    const retrieved = this.retrieved;
    if (!retrieved) return;
    const values = retrieved.records[0]?.values ?? [];
    let fields: Record<string, string>;
    try {
      fields = fillHostFields(hostScope(this), values, this.mapping);
    } catch (error) {
      return this.#failFormat(error);
    }
    this.retrieved = null;
    this.#setPhase('done', this.#messages.done);
    this.dispatchEvent(
      new MynaFetchSuccessEvent({ fields, values, query: retrieved.query, retrievedAt: retrieved.retrievedAt, consent: retrieved.consent }),
    );
  };

  readonly #handleDiscard = (): void => {
    this.retrieved = null;
    this.#setPhase('cancelled', this.#messages.discarded);
    this.dispatchEvent(new MynaFetchCancelEvent({ step: 'review' }));
  };

  /** The widget's 中止する: in the dialog, while the portal is open (starting, consenting), or while waiting. */
  readonly #handleCancelFlow = (): void => this.#cancel(this.phase === 'disclosure' || this.phase === 'waiting' ? this.phase : 'consenting');

  #renderDialog(messages: Messages) {
    const query = this.#effectiveQuery;
    return html`
      <dialog part="dialog" aria-labelledby="disclosure-title" aria-describedby="disclosure-body" @cancel=${this.#handleDialogCancel}>
        <h2 id="disclosure-title">${messages.disclosureTitle}</h2>
        <div id="disclosure-body">
          ${renderDisclosure({
            messages,
            lang: langOf(this),
            disclosure: this.disclosure,
            query: 'attribute' in query ? { method: 'latest' } : query,
            purpose: this.purpose || this.settings.purpose || '',
          })}
        </div>
        <div part="actions">
          <button type="button" class="primary" ?disabled=${!this.disclosure} @click=${this.#handleContinue}>${messages.continue}</button>
          <button type="button" @click=${this.#handleCancelFlow}>${messages.cancel}</button>
        </div>
      </dialog>
    `;
  }

  override render() {
    const messages = this.#messages;
    const busy = BUSY_PHASES.includes(this.phase);
    return html`
      <button
        part="button"
        type="button"
        class="primary"
        ?disabled=${this.disabled || busy || this.phase === 'review' || this.phase === 'disclosure' || this.phase === 'fallback'}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${this.#handleClick}
      >
        <slot>${buttonLabel(messages, this.itemKeys)}</slot>
      </button>
      <div part="status" role="status">${this.statusMessage}</div>
      ${this.phase === 'waiting'
        ? html`<p class="elapsed">
            <progress part="progress" max=${this.#effectiveTimeout} .value=${Math.min(this.elapsedSeconds, this.#effectiveTimeout)} aria-labelledby="elapsed"></progress>
            <span id="elapsed">${fill(messages.waitingElapsed, { seconds: this.elapsedSeconds })}</span>
          </p>`
        : nothing}
      ${busy
        ? html`<div part="actions"><button type="button" @click=${this.#handleCancelFlow}>${messages.cancel}</button></div>`
        : nothing}
      ${this.popupBlocked
        ? html`<div part="actions"><button id="continue-here" type="button" class="primary" @click=${this.#handleContinueHere}>${messages.continueHere}</button></div>`
        : nothing}
      ${this.phase === 'review' && this.retrieved
        ? renderReview({
            messages,
            lang: langOf(this),
            retrieved: this.retrieved,
            scope: hostScope(this),
            mapping: this.mapping,
            onFill: this.#handleFill,
            onDiscard: this.#handleDiscard,
          })
        : nothing}
      ${this.notice && (this.phase === 'unavailable' || this.phase === 'waiting')
        ? renderUnavailable({
            messages,
            lang: langOf(this),
            notice: this.notice,
            onEnterManually: this.#handleEnterManually,
            onLater: this.#handleLater,
            onEmail: this.#handleEmailMe,
          })
        : nothing}
      ${this.phase === 'fallback'
        ? renderFallbackForm({
            messages,
            form: this.#fallbackForm,
            onSubmit: (event) => void this.#handleFallbackSubmit(event),
            onCancel: this.#handleFallbackCancel,
          })
        : nothing}
      ${this.phase === 'disclosure' ? this.#renderDialog(messages) : nothing}
    `;
  }
}
