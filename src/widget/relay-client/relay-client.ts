import {
  availabilityCheck,
  disclosureCheck,
  fallbackRegisteredCheck,
  flowResultCheck,
  flowStartedCheck,
  problemCheck,
} from '../../protocol/answer-checks.js';
import { FETCH_HEADER, IDEMPOTENCY_HEADER } from '../../protocol/names.js';
import type { Check } from '../../protocol/checks.js';
import type { CreateFlowRequest, FallbackRequest, FlowMode } from '../../protocol/index.js';
import type { Availability, Disclosure, FlowResult, FlowStarted, UnavailableServer } from './types.js';

export type { FallbackRequest, FlowMode };
export type StartFlowRequest = CreateFlowRequest;

/** What a disclosure is asked for: a bound button's session (its client token), else the items and a purpose id. */
export type DisclosureRequest = { readonly session: string } | { readonly items: readonly string[]; readonly purpose?: string };

/**
 * Everything the widget asks of the relay; Storybook and tests supply scripted ones. A `signal` that
 * aborts cancels the request: the flow aborts an attempt it has left behind.
 */
export interface RelayClient {
  /** What the disclosure shows: the provider's name, purpose, retention and the items in plain words (a session's: also its query). */
  disclosure(request: DisclosureRequest, signal?: AbortSignal): Promise<Disclosure>;
  /** Whether every server the items need is up now, and if not, until when. */
  availability(items: readonly string[], signal?: AbortSignal): Promise<Availability>;
  startFlow(request: StartFlowRequest, signal?: AbortSignal): Promise<FlowStarted>;
  /** Registers an email for a later notice; the same idempotency key never makes a second registration. */
  registerFallback(request: FallbackRequest, idempotencyKey: string, signal?: AbortSignal): Promise<{ registrationId: string }>;
  flowResult(flowId: string, secret: string, signal?: AbortSignal): Promise<FlowResult>;
  cancelFlow(flowId: string, secret: string): Promise<void>;
}

/** A failed relay call: `code` is the relay's stable problem code, or a transport reason. */
export class RelayError extends Error {
  override name = 'RelayError';
  constructor(
    readonly code: string,
    readonly status: number,
    readonly field?: string,
    /** Set when the relay refused because the servers are down (`code: 'unavailable'`). */
    readonly unavailable?: { nextAvailableAt: string | null; servers: readonly UnavailableServer[] },
    /** The relay's explanation (for `unknown-purpose`: the purpose ids it knows). */
    readonly detail = '',
  ) {
    super(`${status} ${code} ${field ?? ''}`);
  }
}

const itemsQuery = (items: readonly string[], purpose?: string) => `?${new URLSearchParams({ items: items.join(','), ...(purpose ? { purpose } : {}) })}`;
const flowPath = (flowId: string, action: string) => `/v1/flows/${encodeURIComponent(flowId)}/${action}`;

/** Talks to the provider's relay. Third-party requests: no cookies ever (`credentials: 'omit'`). */
export class HttpRelayClient implements RelayClient {
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  /** A session's disclosure is a POST: the client token is not for URLs and logs. */
  disclosure(request: DisclosureRequest, signal?: AbortSignal): Promise<Disclosure> {
    const bound = 'session' in request;
    return this.#call(`/v1/disclosure${bound ? '' : itemsQuery(request.items, request.purpose)}`, disclosureCheck, signal, bound ? request : undefined);
  }

  availability(items: readonly string[], signal?: AbortSignal): Promise<Availability> {
    return this.#call(`/v1/availability${itemsQuery(items)}`, availabilityCheck, signal);
  }

  startFlow(request: StartFlowRequest, signal?: AbortSignal): Promise<FlowStarted> {
    return this.#call('/v1/flows', flowStartedCheck, signal, request);
  }

  registerFallback(request: FallbackRequest, idempotencyKey: string, signal?: AbortSignal): Promise<{ registrationId: string }> {
    return this.#call('/v1/fallback', fallbackRegisteredCheck, signal, request, { [IDEMPOTENCY_HEADER]: idempotencyKey });
  }

  flowResult(flowId: string, secret: string, signal?: AbortSignal): Promise<FlowResult> {
    return this.#call(flowPath(flowId, 'result'), flowResultCheck, signal, { secret });
  }

  async cancelFlow(flowId: string, secret: string): Promise<void> {
    await this.#call(flowPath(flowId, 'cancel'), () => undefined, undefined, { secret });
  }

  /**
   * One request: a GET without `body`, else a JSON POST. The answer is checked before it is trusted;
   * a refusal becomes a RelayError with the relay's problem code, a wrong shape `relay-bad-answer`.
   */
  async #call<T>(path: string, check: Check<T>, signal?: AbortSignal, body?: unknown, headers?: Record<string, string>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.#baseUrl), {
        credentials: 'omit',
        signal,
        ...(body === undefined
          ? {}
          : { method: 'POST', headers: { 'Content-Type': 'application/json', [FETCH_HEADER]: '1', ...headers }, body: JSON.stringify(body) }),
      });
    } catch {
      throw new RelayError('relay-unreachable', 0);
    }
    const payload: unknown = await response.json().catch(() => null);
    let problem;
    try {
      if (response.ok) return check(payload, '');
      problem = problemCheck(payload, '');
    } catch {
      // An answer of the wrong shape is the relay's fault, reported like any other bad answer.
      throw new RelayError('relay-bad-answer', response.status);
    }
    const { code, field, nextAvailableAt, servers, detail } = problem;
    const unavailable = code === 'unavailable' ? { nextAvailableAt: nextAvailableAt ?? null, servers: servers ?? [] } : undefined;
    throw new RelayError(code, response.status, field, unavailable, detail);
  }
}
