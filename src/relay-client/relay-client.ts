import {
  disclosureSchema,
  flowResultSchema,
  flowStartedSchema,
  problemSchema,
  type Disclosure,
  type FlowResult,
  type FlowStarted,
  type Query,
} from './schema.js';

export type FlowMode = 'popup' | 'redirect' | 'kiosk';

export interface StartFlowRequest {
  items: readonly string[];
  query: Query;
  mode: FlowMode;
  returnUrl: string;
  secretHash: string;
}

/** Everything the widget asks of the relay; Storybook and tests supply scripted ones. */
export interface RelayClient {
  /** What the disclosure shows: the provider's name, purpose, retention and the items in plain words. */
  disclosure(items: readonly string[]): Promise<Disclosure>;
  startFlow(request: StartFlowRequest): Promise<FlowStarted>;
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
  ) {
    super(`relay answered ${status} ${code}${field ? ` (${field})` : ''}`);
  }
}

/** Talks to the provider's relay. Third-party requests: no cookies ever (`credentials: 'omit'`). */
export class HttpRelayClient implements RelayClient {
  constructor(private readonly baseUrl: string) {}

  async disclosure(items: readonly string[]): Promise<Disclosure> {
    const url = new URL('/v1/disclosure', this.baseUrl);
    url.searchParams.set('items', items.join(','));
    return disclosureSchema.parse(await this.send(url, { method: 'GET' }));
  }

  async startFlow(request: StartFlowRequest): Promise<FlowStarted> {
    return flowStartedSchema.parse(await this.post('/v1/flows', request));
  }

  async flowResult(flowId: string, secret: string): Promise<FlowResult> {
    return flowResultSchema.parse(await this.post(`/v1/flows/${encodeURIComponent(flowId)}/result`, { secret }));
  }

  async cancelFlow(flowId: string, secret: string): Promise<void> {
    await this.post(`/v1/flows/${encodeURIComponent(flowId)}/cancel`, { secret });
  }

  private post(path: string, body: unknown): Promise<unknown> {
    return this.send(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' },
      body: JSON.stringify(body),
    });
  }

  private async send(url: URL, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, credentials: 'omit' });
    } catch {
      throw new RelayError('relay-unreachable', 0);
    }
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok) return payload;
    const problem = problemSchema.safeParse(payload);
    throw problem.success
      ? new RelayError(problem.data.code, response.status, problem.data.field)
      : new RelayError('relay-bad-answer', response.status);
  }
}
