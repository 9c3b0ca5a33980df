import { FormatError } from '../../domain/mapping/index.js';
import { HANDOFF_MESSAGE_TYPE } from '../../protocol/names.js';
import type { MynaFetchCancelStep, MynaFetchErrorCode } from '../events/index.js';
import {
  RelayError,
  createFlowSecret,
  type Disclosure,
  type FlowMode,
  type FlowResult,
  type FlowSuccess,
  type Query,
  type RelayClient,
  type RelayValue,
  type UnavailableServer,
} from '../relay-client/index.js';
import type { FillPlan } from './autofill.js';
import type { RedirectFlow } from './redirect-flow.js';
import type { Notice } from './views/unavailable.js';

const POLL_INTERVAL_MS = 1000;
/** Phases with nothing under way: nothing left to cancel, and the button can be pressed. */
const SETTLED: readonly string[] = ['idle', 'done', 'cancelled', 'unavailable', 'registered', 'error'];
export const isSettled = (state: FlowState) => SETTLED.includes(state.phase);
/** A session's problems (`session-token-invalid`, `-expired`, `-closed`) and `purpose-not-allowed`: outcomes of their own, trying again cannot help. */
const SESSION_PROBLEM = /^(session-|purpose-not)/;

/** The top-level window in which the user consents (a `ConsentWindow` in the browser). */
export interface ConsentPopup {
  navigate(url: string): void;
  readonly closed: boolean;
  isSource(source: unknown): boolean;
  close(): void;
}

export interface ActiveFlow extends RedirectFlow {
  readonly window: ConsentPopup | null;
}

type FallbackReason = Notice['reason'];

/** The one state of a button; its tags are the public phases (`MynaFetchPhase`), each with what it needs. */
export type FlowState =
  | { readonly phase: 'idle' | 'starting' }
  /** `disclosure` is null until the relay has said what will be fetched. */
  | { readonly phase: 'disclosure'; readonly disclosure: Disclosure | null }
  | { readonly phase: 'consenting'; readonly flow: ActiveFlow }
  | {
      readonly phase: 'waiting';
      readonly flow: ActiveFlow;
      /** This page's clock at the consent: the timeout counts from it (Q&A 問2), not from the start. */
      readonly consentedAt: number;
      readonly elapsedSeconds: number;
      /** The delay notice (figure 6-1) is given once per flow; the user may put it away and keep waiting. */
      readonly timeoutNotice: 'none' | 'shown' | 'dismissed';
    }
  | { readonly phase: 'review'; readonly retrieved: FlowSuccess; readonly plan: FillPlan<RelayValue> }
  | { readonly phase: 'done'; readonly retrieved: FlowSuccess; readonly fields: Record<string, string> }
  | { readonly phase: 'cancelled'; readonly step: MynaFetchCancelStep }
  | { readonly phase: 'unavailable'; readonly notice: Notice }
  /** `flow` is the retrieval still pending when the mail was asked for from the delay notice. */
  | { readonly phase: 'fallback'; readonly reason: FallbackReason; readonly flow: ActiveFlow | null }
  | { readonly phase: 'registered'; readonly registrationId: string; readonly reason: FallbackReason }
  /** `values` fill the code's message placeholders. */
  | { readonly phase: 'error'; readonly code: MynaFetchErrorCode; readonly retryable: boolean; readonly values: Record<string, string> };

/** What a flow is started with, read from the element's attributes when it starts. */
export interface FlowOptions {
  /** A bound button's provider session (its client token); '' for an unbound button. */
  readonly session: string;
  /** Unbound: what to fetch, how, and the relay's purpose id ('' for its default). A session decides these itself. */
  readonly items: string[];
  readonly query: Query;
  readonly purpose: string;
  readonly mode: FlowMode;
  readonly timeout: number;
  readonly skipReview: boolean;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** Everything the flow asks of the page, so that it runs (and is tested) without a DOM. */
export interface FlowHost {
  client(): RelayClient;
  options(): FlowOptions;
  /** Opens the consent window; null when a pop-up blocker refused. Called synchronously in the click. */
  openWindow(): ConsentPopup | null;
  /** A full-page trip to the portal: keep the flow and the host form, then leave the page. */
  redirect(flow: RedirectFlow, launchUrl: string): void;
  /** Where the portal and the mail link come back to. */
  returnUrl(): string;
  /** Finds the host fields and formats the values; throws a FormatError when the mapping does not fit. */
  planFill(values: readonly RelayValue[]): FillPlan<RelayValue>;
  /** Writes the plan into the host form, returning name → text; `sessionId` is a bound flow's verified result. */
  applyFill(plan: FillPlan<RelayValue>, sessionId: string | undefined): Record<string, string>;
  /** The user consented at the portal; said once per flow. */
  consented(flowId: string): void;
  /** Every change of state, also within a phase (elapsed seconds, the delay notice). */
  changed(next: FlowState, previous: FlowState): void;
}

const systemClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * The fetch flow of one button: disclosure, start, consent, polling, review, fill, fallback.
 *
 * Each attempt (opening the disclosure, starting a flow, a registration) has its own AbortController;
 * whatever ends or supersedes it aborts it, which clears its timer, closes its window and cancels its
 * requests (all but starting a flow, whose answer names the flow to drop), and an answer that arrives
 * for an aborted attempt changes nothing. That is the one stale-answer rule.
 */
export class FetchFlow {
  #state: FlowState = { phase: 'idle' };
  #attempt = new AbortController();
  #timer: unknown;
  /** The attempt whose result request is in flight: one at a time, or a late answer could undo a newer one. */
  #polling: AbortSignal | null = null;
  /** A poll was asked for while one was in flight: it follows at once. */
  #pollSoon = false;
  /** The element is off the page: no timer runs until it is back (`reconnect`). */
  #paused = false;
  /** A bound button's items and query, from the session's disclosure, for the email fallback. */
  #bound: { items: string[]; query: Query } | null = null;

  readonly #host: FlowHost;
  readonly #clock: Clock;

  constructor(host: FlowHost, clock: Clock = systemClock) {
    this.#host = host;
    this.#clock = clock;
  }

  get state(): FlowState {
    return this.#state;
  }

  /** What is fetched and how: a bound button's session items and query once disclosed, else the element's. */
  get fetching(): { readonly items: string[]; readonly query: Query } {
    return this.#bound ?? this.#host.options();
  }

  /** The button was pressed (and the host did not veto): show the disclosure and check the servers. */
  async open(): Promise<void> {
    const signal = this.#begin();
    const { items, purpose, session } = this.#host.options();
    this.#go({ phase: 'disclosure', disclosure: null });
    try {
      const client = this.#host.client();
      const disclosing = client.disclosure(session ? { session } : { items, purpose }, signal);
      // Asked together: the user learns that the servers are down before going to the portal.
      // A bound button learns its items from the session's disclosure first.
      const checking = client.availability(session ? (await disclosing).items.map((item) => item.key) : items, signal);
      const [disclosure, availability] = await Promise.all([disclosing, checking]);
      if (signal.aborted) return;
      // Before the outage notice too: its email form registers the session's items.
      this.#bound = session ? { items: disclosure.items.map((item) => item.key), query: disclosure.query! } : null;
      if (!availability.available) return this.#becomeUnavailable(availability);
      this.#go({ phase: 'disclosure', disclosure });
    } catch (error) {
      if (!signal.aborted) this.#failFromRelay(error);
    }
  }

  /** 「マイナポータルへ進む」. A pop-up is opened here, before any await, or pop-up blockers refuse it. */
  continue(): void {
    if (this.#host.options().mode !== 'popup') return this.continueHere();
    const popup = this.#host.openWindow();
    if (popup) return void this.#start(popup);
    this.fail('popup-blocked', true);
  }

  /** After a blocked pop-up: the same flow as a full-page trip. */
  continueHere(): void {
    void this.#start(null);
  }

  /** Back from the portal in redirect or kiosk mode: pick up the flow this page started. */
  resume(flow: RedirectFlow): void {
    const signal = this.#begin();
    const active = { ...flow, window: null };
    this.#go({ phase: 'consenting', flow: active });
    this.#schedulePoll(signal, active, 0);
  }

  /** The hand-off page's note that the portal is done; only from the relay's origin and our window. */
  handleMessage({ origin, source, data }: { origin: string; source: unknown; data: unknown }): void {
    const state = this.#state;
    if (state.phase !== 'consenting' && state.phase !== 'waiting') return;
    const { flow } = state;
    if (origin !== flow.relayOrigin || !flow.window?.isSource(source)) return;
    // Any value may arrive; a primitive has no `type`, so only our own note matches.
    const note = data as { type?: unknown; flowId?: unknown } | null | undefined;
    if (note?.type === HANDOFF_MESSAGE_TYPE && note.flowId === flow.id) {
      this.#schedulePoll(this.#attempt.signal, flow, 0);
    }
  }

  /** The user stops: by default at the step the state is in. The relay is told to drop the flow. */
  cancel(step?: MynaFetchCancelStep): void {
    const state = this.#state;
    if (isSettled(state)) return;
    const flow = 'flow' in state ? state.flow : null;
    if (flow) this.#cancelRemote(flow);
    this.#settle({ phase: 'cancelled', step: step ?? (state.phase === 'disclosure' || state.phase === 'waiting' ? state.phase : 'consenting') });
  }

  /** Leaves the notice or the email form: a flow still under way is cancelled (its one outcome), else back to idle. */
  dismiss(): void {
    const state = this.#state;
    if ('flow' in state && state.flow) this.cancel('waiting');
    else this.#settle({ phase: 'idle' });
  }

  /** 「このまま待つ」 on the delay notice puts it away while polling goes on; 「あとで試す」 elsewhere. */
  later(): void {
    const state = this.#state;
    if (state.phase === 'waiting') this.#go({ ...state, timeoutNotice: 'dismissed' });
    else this.dismiss();
  }

  /** 「メールで知らせてもらう」: polling stops, the pending flow (if any) goes with the registration. */
  emailMe(): void {
    const state = this.#state;
    const waiting = state.phase === 'waiting';
    this.#settle({ phase: 'fallback', reason: waiting ? 'timeout' : 'unavailable', flow: waiting ? state.flow : null });
  }

  /**
   * Registers the email for a later notice. Resolves to the relay's refusal of the address itself,
   * which the form shows inline; every other outcome is a transition.
   */
  async register(
    contact: { email: string; emailConfirmation: string; lang: 'ja' | 'en' },
    idempotencyKey: string,
  ): Promise<{ field: 'email' | 'emailConfirmation'; code: string } | undefined> {
    const state = this.#state;
    if (state.phase !== 'fallback') return;
    const signal = this.#begin();
    const { flow, reason } = state;
    const { items, query } = this.fetching;
    try {
      const { registrationId } = await this.#host.client().registerFallback(
        { ...contact, items, query, returnUrl: this.#host.returnUrl(), reason, ...(flow ? { flowId: flow.id, secret: flow.secret } : {}) },
        idempotencyKey,
        signal,
      );
      if (!signal.aborted) this.#settle({ phase: 'registered', registrationId, reason });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof RelayError && (error.field === 'email' || error.field === 'emailConfirmation')) return { field: error.field, code: error.code };
      this.#failFromRelay(error);
    }
  }

  /** 「フォームに入力する」: writes the plan made when the values arrived. */
  fill(): void {
    const state = this.#state;
    if (state.phase === 'review') this.#fill(state.retrieved, state.plan);
  }

  fail(code: MynaFetchErrorCode, retryable: boolean, values: Record<string, string> = {}): void {
    this.#settle({ phase: 'error', code, retryable, values });
  }

  /**
   * The element left the page (a framework may only be moving it): the poll timer stops and no new
   * one starts, but the flow, its consent window and answers in flight are kept, so that
   * `reconnect()` goes on where it stopped.
   */
  stop(): void {
    this.#paused = true;
    this.#clock.clearTimeout(this.#timer);
  }

  /** Back on the page: a flow at the portal or waiting for its data is polled again at once. */
  reconnect(): void {
    this.#paused = false;
    const state = this.#state;
    if (state.phase === 'consenting' || state.phase === 'waiting') this.#schedulePoll(this.#attempt.signal, state.flow, 0);
  }

  /** Ends the current attempt (clearing its timer, closing its window) and starts the next. */
  #begin(): AbortSignal {
    this.#attempt.abort();
    this.#clock.clearTimeout(this.#timer);
    this.#pollSoon = false;
    this.#attempt = new AbortController();
    return this.#attempt.signal;
  }

  #go(next: FlowState): void {
    const previous = this.#state;
    this.#state = next;
    this.#host.changed(next, previous);
  }

  /** An outcome, or a step that waits for the user: nothing of the attempt before it may act any more. */
  #settle(next: FlowState): void {
    this.#begin();
    this.#go(next);
  }

  async #start(popup: ConsentPopup | null): Promise<void> {
    const signal = this.#begin();
    signal.addEventListener('abort', () => popup?.close());
    const { items, query, purpose, session, mode } = this.#host.options();
    this.#go({ phase: 'starting' });
    try {
      const { secret, secretHash } = await createFlowSecret();
      // Cancelled while the secret was made: no flow at the relay at all.
      if (signal.aborted) return;
      // Not aborted with the attempt: the relay may have made the flow already, and is told to drop it below.
      const started = await this.#host.client().startFlow({
        // A bound flow is the session's: its items, query and purpose are the relay's to know.
        ...(session ? { session } : { items, query, ...(purpose && { purpose }) }),
        mode: popup ? 'popup' : mode === 'kiosk' ? 'kiosk' : 'redirect',
        returnUrl: this.#host.returnUrl(),
        secretHash,
      });
      const flow = { id: started.flowId, secret, relayOrigin: new URL(started.launchUrl).origin, window: popup };
      // Cancelled while the relay was starting it: the relay drops the flow it has just made.
      if (signal.aborted) return this.#cancelRemote(flow);
      this.#go({ phase: 'consenting', flow });
      if (!popup) return this.#host.redirect(flow, started.launchUrl);
      popup.navigate(started.launchUrl);
      this.#schedulePoll(signal, flow);
    } catch (error) {
      if (!signal.aborted) this.#failFromRelay(error);
    }
  }

  /** Tells the relay to drop a flow; the user has moved on, so an error here changes nothing. */
  #cancelRemote(flow: ActiveFlow): void {
    void this.#host
      .client()
      .cancelFlow(flow.id, flow.secret)
      .catch(() => undefined);
  }

  #schedulePoll(signal: AbortSignal, flow: ActiveFlow, delay = POLL_INTERVAL_MS): void {
    this.#clock.clearTimeout(this.#timer);
    if (this.#polling === signal) {
      // The answer in flight decides; the next poll follows it at once when one was asked for now.
      this.#pollSoon ||= delay === 0;
      return;
    }
    if (this.#paused) return;
    this.#timer = this.#clock.setTimeout(() => void this.#poll(signal, flow), this.#pollSoon ? 0 : delay);
    this.#pollSoon = false;
  }

  async #poll(signal: AbortSignal, flow: ActiveFlow): Promise<void> {
    let result: FlowResult;
    this.#polling = signal;
    try {
      result = await this.#host.client().flowResult(flow.id, flow.secret, signal);
    } catch (error) {
      if (signal.aborted) return;
      // Gone: the flow expired (start again); a session that expired is the session's own outcome.
      if (error instanceof RelayError && error.status === 410 && !SESSION_PROBLEM.test(error.code)) return this.fail('expired', true);
      return this.#failFromRelay(error);
    } finally {
      if (this.#polling === signal) this.#polling = null;
    }
    if (!signal.aborted) this.#handleResult(signal, flow, result);
  }

  #handleResult(signal: AbortSignal, flow: ActiveFlow, result: FlowResult): void {
    const state = this.#state;
    switch (result.status) {
      case 'awaiting-consent':
        // Once consent was seen, an older view of the flow says nothing about the window.
        if (state.phase === 'consenting' && flow.window?.closed) return this.cancel('portal-closed');
        return this.#schedulePoll(signal, flow);
      case 'pending': {
        this.#announceConsent(flow);
        const now = this.#clock.now();
        const waiting = state.phase === 'waiting' ? state : null;
        // The relay says how long ago the consent was; later answers are timed on this page's clock.
        const consentedAt = waiting?.consentedAt ?? now - (result.elapsedMs ?? 0);
        const elapsedSeconds = Math.floor((now - consentedAt) / 1000);
        const notice = waiting?.timeoutNotice ?? 'none';
        const timeoutNotice = notice === 'none' && elapsedSeconds >= this.#host.options().timeout ? 'shown' : notice;
        this.#go({ phase: 'waiting', flow, consentedAt, elapsedSeconds, timeoutNotice });
        return this.#schedulePoll(signal, flow);
      }
      case 'success':
        return this.#succeed(flow, result.result);
      case 'cancelled':
        return this.cancel(result.step === 'card_locked' ? 'card-locked' : 'portal');
      case 'unavailable':
        return this.#becomeUnavailable(result);
      case 'error':
        return this.fail(/^(expired|subject-mismatch|session-closed)$/.test(result.code) ? (result.code as MynaFetchErrorCode) : 'portal-error', result.retryable);
    }
  }

  #succeed(flow: ActiveFlow, retrieved: FlowSuccess): void {
    this.#announceConsent(flow);
    let plan: FillPlan<RelayValue>;
    try {
      plan = this.#host.planFill(retrieved.records[0]?.values ?? []);
    } catch (error) {
      // A mapping or `data-myna-format` that does not fit the value; anything else is a bug and thrown on.
      if (!(error instanceof FormatError)) throw error;
      return this.fail('config-invalid', false, { attribute: 'data-myna-format / mapping', reason: error.message });
    }
    const { skipReview, mode } = this.#host.options();
    if (skipReview && mode !== 'kiosk') this.#fill(retrieved, plan);
    else this.#settle({ phase: 'review', retrieved, plan });
  }

  #fill(retrieved: FlowSuccess, plan: FillPlan<RelayValue>): void {
    this.#settle({ phase: 'done', retrieved, fields: this.#host.applyFill(plan, retrieved.sessionId) });
  }

  /** Said once per flow: the first answer after `awaiting-consent` is the first one in another phase. */
  #announceConsent(flow: ActiveFlow): void {
    if (this.#state.phase !== 'consenting') return;
    flow.window?.close();
    this.#host.consented(flow.id);
  }

  /** From the availability answer, the portal's `unavailable` result or the relay's refusal: each says until when and which servers. */
  #becomeUnavailable({ nextAvailableAt, servers }: { nextAvailableAt: string | null; servers: readonly UnavailableServer[] }): void {
    this.#settle({ phase: 'unavailable', notice: { reason: 'unavailable', servers: servers.filter((server) => !server.available), nextAvailableAt } });
  }

  #failFromRelay(error: unknown): void {
    if (!(error instanceof RelayError) || error.code === 'relay-unreachable') return this.fail('relay-unreachable', true);
    if (error.unavailable) return this.#becomeUnavailable(error.unavailable);
    if (SESSION_PROBLEM.test(error.code)) return this.fail(error.code as MynaFetchErrorCode, false);
    // The relay's purpose table does not hold the id: its detail names the ids it does.
    if (error.code === 'unknown-purpose') return this.fail('config-invalid', false, { attribute: 'purpose', reason: error.detail });
    if (error.field) return this.fail('config-invalid', false, { attribute: error.field, reason: error.code });
    this.fail('relay-rejected', false, { code: error.code });
  }
}
