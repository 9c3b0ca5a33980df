import { flowResultSchema, flowStartedSchema, problemSchema, type FlowResult, type FlowStarted, type Query } from './schema.js';

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

  async startFlow(request: StartFlowRequest): Promise<FlowStarted> {
    return flowStartedSchema.parse(await this.post('/v1/flows', request));
  }

  async flowResult(flowId: string, secret: string): Promise<FlowResult> {
    return flowResultSchema.parse(await this.post(`/v1/flows/${encodeURIComponent(flowId)}/result`, { secret }));
  }

  async cancelFlow(flowId: string, secret: string): Promise<void> {
    await this.post(`/v1/flows/${encodeURIComponent(flowId)}/cancel`, { secret });
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' },
        body: JSON.stringify(body),
      });
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
