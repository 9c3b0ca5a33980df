import { LitElement, html, nothing } from 'lit';
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
  type MynaFetchErrorCode,
} from '../events/index.js';
import { fill, langOf, messagesFor, type MessageKey, type Messages } from '../i18n/index.js';
import { HttpRelayClient, type FlowMode, type Query, type RelayClient } from '../relay-client/index.js';
import { applyFill, hostScope, planFill, targetsFor, type FieldMapping } from './autofill.js';
import { buttonLabel } from './button-label.js';
import { configProblem } from './config-problem.js';
import { ConsentWindow } from './consent-window.js';
import { FallbackForm } from './fallback-form.js';
import { FetchFlow, type FlowState } from './fetch-flow.js';
import { rememberForm, restoreForm } from './form-memory.js';
import { mynaFetchButtonStyles } from './myna-fetch-button.styles.js';
import { parseQuery } from './query-attributes.js';
import { rememberRedirectFlow, takeRedirectFlow } from './redirect-flow.js';
import { mynaFetchSettingsContext, type MynaFetchSettings } from './settings-context.js';
import { renderDisclosure } from './views/disclosure.js';
import { renderFallbackForm } from './views/fallback.js';
import { renderReview } from './views/review.js';
import { renderUnavailable } from './views/unavailable.js';

/** Each error code's message key is the code in camelCase, e.g. `config-invalid` → `configInvalid`. */
const messageKeyOf = (code: MynaFetchErrorCode) => code.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as MessageKey;

/** The page's own address without its fragment: where the portal and the mail link come back to. */
const returnUrl = () => location.href.split('#')[0]!;

const RESUME_FRAGMENT = /(?:^#|&)myna-resume=1/;

/** The status line of each phase that has one; `waiting`, `cancelled` and `error` depend on their data. */
const STATUS: Partial<Record<FlowState['phase'], MessageKey>> = {
  starting: 'starting',
  consenting: 'consenting',
  review: 'review',
  done: 'done',
  unavailable: 'unavailable',
  registered: 'fallbackRegistered',
};

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
  readonly #fallbackForm = new FallbackForm(this);
  readonly #flow = new FetchFlow({
    client: () => this.#suppliedClient ?? new HttpRelayClient(this.#relayBase),
    options: () => ({
      items: this.itemKeys,
      query: this.#query as Query,
      mode: this.#mode,
      timeout: this.#timeout,
      skipReview: this.skipReview,
    }),
    openWindow: () => ConsentWindow.open(),
    redirect: (flow, launchUrl) => {
      rememberRedirectFlow(flow);
      rememberForm(hostScope(this));
      location.assign(launchUrl);
    },
    returnUrl,
    planFill: (values) => planFill(hostScope(this), values, this.mapping),
    applyFill,
    consented: (flowId) => this.dispatchEvent(new MynaFetchConsentEvent({ flowId })),
    changed: (next, previous) => this.#changed(next, previous),
  });

  @consume({ context: mynaFetchSettingsContext, subscribe: true })
  @state()
  private settings: MynaFetchSettings = {};

  /** A status line of the element's own, until the next change of state (the mail link's welcome, form errors). */
  @state() private note = '';

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

  get #mode(): FlowMode {
    return this.mode || this.settings.mode || 'popup';
  }

  get #timeout(): number {
    return this.timeout ?? this.settings.timeout ?? 20;
  }

  get #query() {
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

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#handleMessage);
    this.#internals.states.add(this.#flow.state.phase);
    const resumed = takeRedirectFlow();
    if (resumed) {
      // With the script in <head>, the host form is still being parsed: restore once all of it exists.
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => restoreForm(hostScope(this)), { once: true });
      else restoreForm(hostScope(this));
      this.#flow.resume(resumed);
    }
    // Arrived through the resume link of a fallback mail: say what to do next, once.
    if (RESUME_FRAGMENT.test(location.hash)) {
      history.replaceState(history.state, '', location.pathname + location.search);
      this.note = fill(this.#messages.resumed, { button: buttonLabel(this.#messages, this.itemKeys) });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.#handleMessage);
    this.#flow.stop();
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Renders the new state and tells the page: custom state, `myna-fetch-state`, the outcome's own event, focus. */
  #changed(next: FlowState, previous: FlowState): void {
    this.note = '';
    this.requestUpdate();
    if (next.phase !== previous.phase) {
      this.#internals.states.delete(previous.phase);
      this.#internals.states.add(next.phase);
      this.dispatchEvent(new MynaFetchStateEvent({ from: previous.phase, to: next.phase }));
      if (next.phase === 'fallback' || previous.phase === 'fallback') this.#fallbackForm.reset();
      // Every step says where focus goes: into the form, to the way on, or back to the button that opened a panel.
      if (next.phase === 'fallback') this.#focusSoon('#email');
      else if (next.phase === 'error' && next.code === 'popup-blocked') this.#focusSoon('#continue-here');
      else if (previous.phase === 'disclosure' || previous.phase === 'fallback') this.#focusSoon('[part=button]');
    }
    this.#dispatchOutcome(next, previous);
  }

  #dispatchOutcome(next: FlowState, previous: FlowState): void {
    switch (next.phase) {
      case 'waiting':
        if (next.timeoutNotice === 'shown' && (previous.phase !== 'waiting' || previous.timeoutNotice === 'none')) {
          this.dispatchEvent(new MynaFetchUnavailableEvent({ nextAvailableAt: null, servers: [], reason: 'timeout' }));
        }
        return;
      case 'error': {
        const message = this.#status(next);
        if (next.code.startsWith('config-')) console.error(`<myna-fetch-button>: ${message}`);
        return void this.dispatchEvent(new MynaFetchErrorEvent({ code: next.code, message, retryable: next.retryable }));
      }
      case 'cancelled':
        return void this.dispatchEvent(new MynaFetchCancelEvent({ step: next.step }));
      case 'unavailable': {
        const { nextAvailableAt, servers } = next.notice;
        return void this.dispatchEvent(new MynaFetchUnavailableEvent({ nextAvailableAt, servers: servers.map((server) => server.id), reason: 'unavailable' }));
      }
      case 'done': {
        const { fields, retrieved } = next;
        const { query, retrievedAt, consent } = retrieved;
        return void this.dispatchEvent(new MynaFetchSuccessEvent({ fields, values: retrieved.records[0]?.values ?? [], query, retrievedAt, consent }));
      }
      case 'registered':
        return void this.dispatchEvent(new MynaFetchFallbackRegisteredEvent({ registrationId: next.registrationId, reason: next.reason }));
    }
  }

  /** What the live region says in `state`. */
  #status(state: FlowState): string {
    const messages = this.#messages;
    switch (state.phase) {
      case 'waiting':
        return messages[state.timeoutNotice === 'shown' ? 'timeoutNotice' : 'waiting'];
      case 'cancelled':
        return messages[state.step === 'card-locked' ? 'cardLocked' : state.step === 'review' ? 'discarded' : 'cancelled'];
      case 'error':
        return fill(messages[messageKeyOf(state.code)], state.values);
    }
    const key = STATUS[state.phase];
    return key ? messages[key] : '';
  }

  /** After the next render: the target may not exist yet, or still be disabled in the phase being left. */
  #focusSoon(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  readonly #handleMessage = (event: MessageEvent): void => this.#flow.handleMessage(event);

  readonly #handleClick = (): void => {
    const problem = configProblem({
      relay: this.#suppliedClient ? null : this.#relayBase,
      items: this.itemKeys,
      query: this.#query,
      mode: this.#mode,
      timeout: this.#timeout,
    });
    if (problem) return this.#flow.fail(problem[0], false, problem[1]);
    if (this.dispatchEvent(new MynaFetchStartEvent({ items: this.itemKeys }))) void this.#flow.open();
  };

  /** The widget's 中止する: in the dialog, while the portal is open (starting, consenting), or while waiting. */
  readonly #handleCancel = (): void => this.#flow.cancel();

  readonly #handleEnterManually = (): void => {
    this.#flow.dismiss();
    let target: HTMLElement | undefined;
    try {
      target = this.itemKeys.flatMap((key) => targetsFor(hostScope(this), key, this.mapping))[0]?.input;
    } catch {
      // A broken mapping is reported when the values are filled; here the button keeps focus.
    }
    if (target) target.focus();
    else this.#focusSoon('[part=button]');
  };

  readonly #handleLater = (): void => {
    const closesNotice = this.#flow.state.phase === 'unavailable';
    this.#flow.later();
    if (closesNotice) this.#focusSoon('[part=button]');
  };

  readonly #handleFallbackSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.#fallbackForm;
    const messages = this.#messages;
    if (form.submitting) return;
    if (!form.validate(messages)) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      this.note = messages.fallbackErrors;
      return;
    }
    form.setSubmitting(true);
    const contact = { email: form.email.trim(), emailConfirmation: form.emailConfirmation.trim(), lang: langOf(this) };
    const refused = await this.#flow.register(contact, form.idempotencyKey);
    // Registered, failed or superseded: the transition has said so.
    if (!refused) return;
    form.setSubmitting(false);
    const key = refused.code === 'email-mismatch' ? 'fallbackMismatch' : refused.code === 'email-too-long' ? 'fallbackEmailTooLong' : 'fallbackEmailInvalid';
    form.setErrors({ [refused.field!]: messages[key] });
    this.note = messages.fallbackErrors;
  };

  override render() {
    const messages = this.#messages;
    const lang = langOf(this);
    const state = this.#flow.state;
    const busy = state.phase === 'starting' || state.phase === 'consenting' || state.phase === 'waiting';
    const notice =
      state.phase === 'unavailable'
        ? state.notice
        : state.phase === 'waiting' && state.timeoutNotice === 'shown'
          ? ({ reason: 'timeout', servers: [], nextAvailableAt: null } as const)
          : null;
    const timeout = this.#timeout;
    return html`
      <button
        part="button"
        type="button"
        class="primary"
        ?disabled=${this.disabled || busy || state.phase === 'review' || state.phase === 'disclosure' || state.phase === 'fallback'}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${this.#handleClick}
      >
        <slot>${buttonLabel(messages, this.itemKeys)}</slot>
      </button>
      <div part="status" role="status">${this.note || this.#status(state)}</div>
      ${state.phase === 'waiting'
        ? html`<p class="elapsed">
            <progress part="progress" max=${timeout} .value=${Math.min(state.elapsedSeconds, timeout)} aria-labelledby="elapsed"></progress>
            <span id="elapsed">${fill(messages.waitingElapsed, { seconds: state.elapsedSeconds })}</span>
          </p>`
        : nothing}
      ${busy ? html`<div part="actions"><button type="button" @click=${this.#handleCancel}>${messages.cancel}</button></div>` : nothing}
      ${state.phase === 'error' && state.code === 'popup-blocked'
        ? html`<div part="actions">
            <button id="continue-here" type="button" class="primary" @click=${() => this.#flow.continueHere()}>${messages.continueHere}</button>
          </div>`
        : nothing}
      ${state.phase === 'review'
        ? renderReview({ messages, lang, plan: state.plan, onFill: () => this.#flow.fill(), onDiscard: () => this.#flow.cancel('review') })
        : nothing}
      ${notice
        ? renderUnavailable({
            messages,
            lang,
            notice,
            onEnterManually: this.#handleEnterManually,
            onLater: this.#handleLater,
            onEmail: () => this.#flow.emailMe(),
          })
        : nothing}
      ${state.phase === 'fallback'
        ? renderFallbackForm({
            messages,
            form: this.#fallbackForm,
            onSubmit: (event) => void this.#handleFallbackSubmit(event),
            onCancel: () => this.#flow.dismiss(),
          })
        : nothing}
      ${state.phase === 'disclosure'
        ? renderDisclosure({
            messages,
            lang,
            disclosure: state.disclosure,
            query: 'attribute' in this.#query ? { method: 'latest' } : this.#query,
            purpose: this.purpose || this.settings.purpose || '',
            onContinue: () => this.#flow.continue(),
            onCancel: this.#handleCancel,
          })
        : nothing}
    `;
  }
}
