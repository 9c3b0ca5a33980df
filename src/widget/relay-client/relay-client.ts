import {
  availabilityCheck,
  disclosureCheck,
  fallbackRegisteredCheck,
  flowResultCheck,
  flowStartedCheck,
  problemCheck,
} from '../../protocol/answer-checks.js';
import type { Check } from '../../protocol/checks.js';
import type { CreateFlowRequest, FallbackRequest, FlowMode } from '../../protocol/index.js';
import type { Availability, Disclosure, FlowResult, FlowStarted, UnavailableServer } from './types.js';

export type { FallbackRequest, FlowMode };
export type StartFlowRequest = CreateFlowRequest;

/** Everything the widget asks of the relay; Storybook and tests supply scripted ones. */
export interface RelayClient {
  /** What the disclosure shows: the provider's name, purpose, retention and the items in plain words. */
  disclosure(items: readonly string[]): Promise<Disclosure>;
  /** Whether every server the items need is up now, and if not, until when. */
  availability(items: readonly string[]): Promise<Availability>;
  startFlow(request: StartFlowRequest): Promise<FlowStarted>;
  /** Registers an email for a later notice; the same idempotency key never makes a second registration. */
  registerFallback(request: FallbackRequest, idempotencyKey: string): Promise<{ registrationId: string }>;
  flowResult(flowId: string, secret: string): Promise<FlowResult>;
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
  ) {
    super(`relay answered ${status} ${code}${field ? ` (${field})` : ''}`);
  }
}

/** An answer of the wrong shape is the relay's fault, reported like any other bad answer. */
function checkAnswer<T>(check: Check<T>, payload: unknown): T {
  try {
    return check(payload, '');
  } catch {
    throw new RelayError('relay-bad-answer', 200);
  }
}

/** Talks to the provider's relay. Third-party requests: no cookies ever (`credentials: 'omit'`). */
export class HttpRelayClient implements RelayClient {
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  async disclosure(items: readonly string[]): Promise<Disclosure> {
    return checkAnswer(disclosureCheck, await this.#get('/v1/disclosure', items));
  }

  async availability(items: readonly string[]): Promise<Availability> {
    return checkAnswer(availabilityCheck, await this.#get('/v1/availability', items));
  }

  async startFlow(request: StartFlowRequest): Promise<FlowStarted> {
    return checkAnswer(flowStartedCheck, await this.#post('/v1/flows', request));
  }

  async registerFallback(request: FallbackRequest, idempotencyKey: string): Promise<{ registrationId: string }> {
    return checkAnswer(fallbackRegisteredCheck, await this.#post('/v1/fallback', request, { 'Idempotency-Key': idempotencyKey }));
  }

  async flowResult(flowId: string, secret: string): Promise<FlowResult> {
    return checkAnswer(flowResultCheck, await this.#post(`/v1/flows/${encodeURIComponent(flowId)}/result`, { secret }));
  }

  async cancelFlow(flowId: string, secret: string): Promise<void> {
    await this.#post(`/v1/flows/${encodeURIComponent(flowId)}/cancel`, { secret });
  }

  #get(path: string, items: readonly string[]): Promise<unknown> {
    const url = new URL(path, this.#baseUrl);
    url.searchParams.set('items', items.join(','));
    return this.#send(url, { method: 'GET' });
  }

  #post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    return this.#send(new URL(path, this.#baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Myna-Fetch': '1', ...headers },
      body: JSON.stringify(body),
    });
  }

  async #send(url: URL, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, credentials: 'omit' });
    } catch {
      throw new RelayError('relay-unreachable', 0);
    }
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok) return payload;
    let problem;
    try {
      problem = problemCheck(payload, '');
    } catch {
      throw new RelayError('relay-bad-answer', response.status);
    }
    const { code, field, nextAvailableAt, servers } = problem;
    const unavailable = code === 'unavailable' ? { nextAvailableAt: nextAvailableAt ?? null, servers: servers ?? [] } : undefined;
    throw new RelayError(code, response.status, field, unavailable);
  }
}
