import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';
import { splitList } from '../../domain/text.js';
import { MynaFetchConsentEvent, MynaFetchStartEvent, MynaFetchStateEvent } from '../events/index.js';
import { fill, langOf, messagesFor, type Messages } from '../i18n/index.js';
import { HttpRelayClient, type Disclosure, type FlowMode, type RelayClient } from '../relay-client/index.js';
import { applyFill, firstTarget, hostScope, planFill, type FieldMapping } from './autofill.js';
import { buttonLabel } from './button-label.js';
import { configProblem } from './config-problem.js';
import { ConsentWindow } from './consent-window.js';
import { FallbackForm } from './fallback-form.js';
import { FetchFlow, isSettled, type FlowOptions, type FlowState } from './fetch-flow.js';
import { noticeOf, outcomeEvent, statusText } from './flow-presentation.js';
import { restoreForm } from './form-memory.js';
import { mynaFetchButtonStyles } from './myna-fetch-button.styles.js';
import { parseQuery } from './query-attributes.js';
import { leaveForPortal, takeMailResume, takeRedirectFlow } from './redirect-flow.js';
import { SettingsConsumer } from './settings-context.js';
import { keepSessionId, lockFields } from './verified-fill.js';
import { renderDisclosure } from './views/disclosure.js';
import { renderFallbackForm } from './views/fallback.js';
import { renderReview } from './views/review.js';
import { renderUnavailable } from './views/unavailable.js';

/** The page's own address without its fragment: where the portal and the mail link come back to. */
const returnUrl = () => location.href.split('#')[0]!;

/**
 * @summary A button that fetches the user's own government-held data from Mynaportal, with consent,
 * and fills the host form's `data-myna-field` inputs after the user has reviewed it.
 *
 * Bound to a provider session (`session`, from the provider's backend), the session decides items,
 * query and purpose; the verified result waits at the relay for the backend, the session id goes
 * into the form (`session-field`) and `data-myna-lock` fields become read-only with an Edit button.
 * Without a session, what the button fills is unverified user input.
 *
 * @event myna-fetch-start - Before the flow begins (cancelable). Detail: `{ items }`.
 * @event myna-fetch-consent - The user consented at the portal. Detail: `{ flowId }`.
 * @event myna-fetch-success - The user let the data fill the form. Detail: `{ fields, values, query, retrievedAt, consent, sessionId, provenance }` (`provenance`: field → `verified` | `unverified`).
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

  // `static properties` rather than decorators: the script-tag bundle then carries no decorator helpers.
  static override properties: PropertyDeclarations = {
    relay: {}, session: {}, sessionField: { attribute: 'session-field' }, items: {}, purpose: {}, mode: {}, query: {}, at: {}, from: {}, to: {},
    timeout: { type: Number },
    skipReview: { attribute: 'skip-review', type: Boolean },
    disabled: { type: Boolean, reflect: true },
    mapping: { attribute: false }, relayClient: { attribute: false }, messageOverrides: { attribute: false },
    note: { state: true, attribute: false },
  };

  readonly #internals = this.attachInternals();
  /** Settings shared by an enclosing `<myna-fetch-config>`; a change renders again. */
  readonly #config = new SettingsConsumer(this);
  readonly #fallbackForm = new FallbackForm(this);
  readonly #flow = new FetchFlow({
    client: () => this.#effective.client ?? new HttpRelayClient(this.#effective.relay),
    // Read when the flow starts, after the press has found the configuration sound.
    options: () => ({ ...this.#effective, items: this.itemKeys, skipReview: this.skipReview }) as FlowOptions,
    openWindow: () => ConsentWindow.open(),
    redirect: (flow, launchUrl) => leaveForPortal(flow, launchUrl, hostScope(this)),
    returnUrl,
    planFill: (values) => planFill(hostScope(this), values, this.mapping),
    applyFill: (plan, sessionId) => {
      const fields = applyFill(plan);
      if (sessionId) {
        keepSessionId(this, hostScope(this), this.sessionField, sessionId);
        lockFields(plan, this.#messages);
      }
      return fields;
    },
    consented: (flowId) => this.dispatchEvent(new MynaFetchConsentEvent({ flowId })),
    changed: (next, previous) => this.#changed(next, previous),
  });

  /** A status line of the element's own until the next change of state: the mail link's welcome, form errors. */
  private note = '';
  /** The ignored attributes of a bound button are named once. */
  #warned = false;

  /** Base URL of the provider's relay, e.g. `https://relay.example.jp`. */
  relay = '';
  /**
   * A provider session's client token, from the provider's backend (`POST /v1/sessions`): the button is
   * bound to it, and `items`, `purpose`, `query`, `at`, `from` and `to` are the session's (its own are ignored).
   */
  session = '';
  /** The host form field that receives a bound flow's session id; an existing one of that name, else a new hidden input. */
  sessionField = 'myna_session_id';
  /** Comma-separated catalog keys to fetch, e.g. `localTax.salaryRevenue`. */
  items = '';
  /** An id of the relay's purpose table (e.g. `mortgage-prescreen`); the relay's configured text is shown. */
  purpose = '';
  /** Where consent happens: `popup` (default), `redirect` (full page) or `kiosk` (terminal; review is mandatory). */
  mode: FlowMode | '' = '';
  /** Query method (guideline 2.6): `latest` (default), `at` (with `at`) or `range` (with `from` and `to`). */
  query = '';
  /** The date for `query="at"`, `YYYY-MM-DD`. */
  at = '';
  /** The first date for `query="range"`, `YYYY-MM-DD`. */
  from = '';
  /** The last date for `query="range"`, `YYYY-MM-DD`. */
  to = '';
  /** Seconds (1–600) to wait for the data before the delay notice (guideline Q&A 問2: about 20 s). */
  timeout: number | null = null;
  /** Fill the form without the review step. Ignored in kiosk mode, where review is mandatory. */
  skipReview = false;
  /** Catalog key → host field (name, id or element), optionally `{ field, format }`; beside `data-myna-field`. */
  mapping: FieldMapping = {};
  /** The button cannot be pressed (e.g. until the host form allows it). */
  disabled = false;
  /** The relay client; defaults to HTTP against `relay`. Storybook and tests supply scripted ones. */
  relayClient: RelayClient | null = null;
  /** Strings to replace, by message key. */
  messageOverrides: Partial<Messages> = {};

  /** Parsed `items`: trimmed, empty entries dropped. */
  get itemKeys(): string[] {
    return splitList(this.items);
  }

  /**
   * The button's own attributes first, then the config's, then the defaults. `relay` is '' when neither
   * names one; `client` is one supplied from JavaScript (Storybook, tests), which stands in for `relay`.
   */
  get #effective() {
    const config = this.#config.value ?? {};
    return {
      mode: this.mode || config.mode || 'popup',
      timeout: this.timeout ?? config.timeout ?? 20,
      query: parseQuery(this),
      purpose: this.purpose || config.purpose || '',
      session: this.session,
      relay: this.relay || config.relay || '',
      client: this.relayClient ?? config.relayClient ?? null,
    };
  }

  get #messages(): Messages {
    return messagesFor(langOf(this), this.messageOverrides);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#handleMessage);
    this.#internals.states.add(this.#flow.state.phase);
    this.#flow.reconnect();
    const resumed = takeRedirectFlow();
    if (resumed) {
      restoreForm(() => hostScope(this));
      this.#flow.resume(resumed);
    }
    // Back through the link of a fallback mail: say what to do next.
    if (takeMailResume()) this.note = fill(this.#messages.resumed, { button: buttonLabel(this.#messages, this.itemKeys) });
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
    if (next.phase === 'disclosure' && next.disclosure?.sessionId) this.#warnIgnored(next.disclosure);
    if (next.phase !== previous.phase) {
      this.#internals.states.delete(previous.phase);
      this.#internals.states.add(next.phase);
      this.dispatchEvent(new MynaFetchStateEvent({ from: previous.phase, to: next.phase }));
      if (next.phase === 'fallback' || previous.phase === 'fallback') this.#fallbackForm.reset();
      // Into the form, to the way on, or back to the button that opened a panel.
      if (next.phase === 'fallback') this.#focusSoon('#email');
      else if (next.phase === 'error' && next.code === 'popup-blocked') this.#focusSoon('#continue-here');
      else if (previous.phase === 'disclosure' || previous.phase === 'fallback') this.#focusSoon('[part=button]');
    }
    const message = statusText(next, this.#messages);
    if (next.phase === 'error' && next.code.startsWith('config-')) console.error(`<myna-fetch-button>: ${message}`);
    const event = outcomeEvent(next, previous, message);
    if (event) this.dispatchEvent(event);
  }

  /** A bound button's own `items`, `purpose` and query attributes that differ from the session's (a purpose id cannot be compared: any is ignored). */
  #warnIgnored({ items, query }: Disclosure): void {
    const queryDiffers = JSON.stringify(parseQuery(this)) !== JSON.stringify(query);
    const ignored = (['items', 'purpose', 'query', 'at', 'from', 'to'] as const).filter(
      (name) => this[name] && (name === 'items' ? this.itemKeys.sort().join() !== items.map((item) => item.key).sort().join() : name === 'purpose' || queryDiffers),
    );
    if (ignored.length === 0 || this.#warned) return;
    this.#warned = true;
    console.warn(`<myna-fetch-button>: the session decides, ignored: ${ignored.join(', ')}`);
  }

  /** After the next render: the target may not exist yet, or still be disabled in the phase being left. */
  #focusSoon(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  readonly #handleMessage = (event: MessageEvent): void => this.#flow.handleMessage(event);

  readonly #handleClick = (): void => {
    const effective = this.#effective;
    const problem = configProblem({ ...effective, relay: effective.client ? null : effective.relay, items: this.itemKeys });
    if (problem) return this.#flow.fail(problem[0], false, problem[1]);
    if (this.dispatchEvent(new MynaFetchStartEvent({ items: this.itemKeys }))) void this.#flow.open();
  };

  /** The widget's 中止する: in the dialog, while the portal is open (starting, consenting), or while waiting. */
  readonly #handleCancel = (): void => this.#flow.cancel();

  readonly #handleEnterManually = (): void => {
    this.#flow.dismiss();
    const target = firstTarget(hostScope(this), this.#flow.fetching.items, this.mapping);
    if (target) target.focus();
    else this.#focusSoon('[part=button]');
  };

  readonly #handleLater = (): void => {
    const closesNotice = this.#flow.state.phase === 'unavailable';
    this.#flow.later();
    if (closesNotice) this.#focusSoon('[part=button]');
  };

  async #submitFallback(event: SubmitEvent): Promise<void> {
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
    // Registered, failed or superseded is a transition; only the relay's refusal of the address comes back here.
    const refused = await this.#flow.register(contact, form.idempotencyKey);
    if (!refused) return;
    form.refuse(refused.field, refused.code, messages);
    this.note = messages.fallbackErrors;
  }

  override render() {
    const messages = this.#messages;
    const lang = langOf(this);
    const state = this.#flow.state;
    const { timeout, query } = this.#effective;
    const busy = state.phase === 'starting' || state.phase === 'consenting' || state.phase === 'waiting';
    const notice = noticeOf(state);
    return html`
      <button
        part="button"
        type="button"
        class="primary"
        ?disabled=${this.disabled || !isSettled(state)}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${this.#handleClick}
      >
        <slot>${buttonLabel(messages, this.itemKeys)}</slot>
      </button>
      <div part="status" role="status">${this.note || statusText(state, messages)}</div>
      ${state.phase === 'waiting'
        ? html`<p class="elapsed">
            <progress part="progress" max=${timeout} .value=${Math.min(state.elapsedSeconds, timeout)} aria-labelledby="elapsed"></progress>
            <span id="elapsed">${fill(messages.waitingElapsed, { seconds: state.elapsedSeconds })}</span>
          </p>`
        : nothing}
      ${busy ? html`<div part="actions"><button type="button" @click=${this.#handleCancel}>${messages.cancel}</button></div>` : nothing}
      ${state.phase === 'error' && state.code === 'popup-blocked'
        ? html`<div part="actions"><button id="continue-here" type="button" class="primary" @click=${() => this.#flow.continueHere()}>${messages.continueHere}</button></div>`
        : nothing}
      ${state.phase === 'review'
        ? renderReview({ messages, lang, plan: state.plan, onFill: () => this.#flow.fill(), onDiscard: () => this.#flow.cancel('review') })
        : nothing}
      ${notice
        ? renderUnavailable({ messages, lang, notice, onEnterManually: this.#handleEnterManually, onLater: this.#handleLater, onEmail: () => this.#flow.emailMe() })
        : nothing}
      ${state.phase === 'fallback'
        ? renderFallbackForm({ messages, form: this.#fallbackForm, onSubmit: (event) => void this.#submitFallback(event), onCancel: () => this.#flow.dismiss() })
        : nothing}
      ${state.phase === 'disclosure'
        ? renderDisclosure({ messages, lang, disclosure: state.disclosure, query, onContinue: () => this.#flow.continue(), onCancel: this.#handleCancel })
        : nothing}
    `;
  }
}
