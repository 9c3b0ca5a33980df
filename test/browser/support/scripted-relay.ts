import type { Disclosure, FlowResult, FlowStarted, RelayClient, StartFlowRequest } from '../../../src/relay-client/index.js';
import { RelayError } from '../../../src/relay-client/index.js';

/** A relay that answers from a script: `start` once, then one `results` entry per poll (the last repeats). */
export class ScriptedRelay implements RelayClient {
  readonly started: StartFlowRequest[] = [];
  readonly polls: { flowId: string; secret: string }[] = [];
  readonly cancelled: string[] = [];

  constructor(
    private readonly results: FlowResult[],
    private readonly start: FlowStarted | RelayError = {
      flowId: 'flow-1',
      launchUrl: 'about:blank#launch',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      consent: { service: '〇〇銀行', purpose: '住宅ローンの事前審査', retainUntil: '2026-12-23' },
    },
  ) {}

  async disclosure(items: readonly string[]): Promise<Disclosure> {
    return {
      service: '〇〇銀行',
      purpose: '住宅ローンの事前審査',
      retentionDays: 30,
      items: items.map((key) => ({ key, labelJa: key === 'localTax.salaryRevenue' ? '給与収入額' : key, labelEn: key })),
    };
  }

  async startFlow(request: StartFlowRequest): Promise<FlowStarted> {
    this.started.push(request);
    if (this.start instanceof RelayError) throw this.start;
    return this.start;
  }

  async flowResult(flowId: string, secret: string): Promise<FlowResult> {
    this.polls.push({ flowId, secret });
    const result = this.results[Math.min(this.polls.length - 1, this.results.length - 1)];
    if (!result) throw new RelayError('relay-unreachable', 0);
    return result;
  }

  async cancelFlow(flowId: string): Promise<void> {
    this.cancelled.push(flowId);
  }
}

export const incomeSuccess: FlowResult = {
  status: 'success',
  result: {
    items: ['localTax.salaryRevenue'],
    query: { method: 'latest' },
    records: [
      {
        asOf: '2025-06-01',
        values: [
          {
            key: 'localTax.salaryRevenue',
            labelJa: '給与収入額',
            labelEn: 'Salary revenue',
            infoNumber: '2',
            kind: 'amount',
            unit: 'yen',
            value: 5_670_000,
          },
        ],
      },
    ],
    retrievedAt: '2026-11-23T06:00:00.000Z',
    consent: { service: '〇〇銀行', purpose: '住宅ローンの事前審査', retainUntil: '2026-12-23' },
  },
};
