import { RelayError, type DisclosureRequest, type FallbackRequest, type RelayClient, type StartFlowRequest } from './relay-client.js';
import type { Availability, Disclosure, FlowResult, FlowStarted, FlowSuccess } from './types.js';

/** A client token as the provider's backend hands it to the page (`session` attribute). */
export const SESSION_TOKEN = 'ct_scripted-session-0001';

/** What the relay discloses for the session of `SESSION_TOKEN`: its items and query, the configured purpose in both languages. */
export const incomeSession: Disclosure = {
  service: '〇〇銀行',
  purpose: '住宅ローンの事前審査',
  purposeEn: 'Home loan pre-screening',
  retentionDays: 30,
  retainUntil: '2026-12-23',
  items: [{ key: 'localTax.salaryRevenue', labelJa: '給与収入額', labelEn: 'Salary revenue' }],
  sessionId: 'ses_scripted-1',
  query: { method: 'latest' },
};

/**
 * A relay that answers from a script: `start` once, then one `results` entry per poll (the last repeats).
 * A disclosure for a session (`{ session }`) answers `incomeSession`; `disclosureAnswer` replaces either.
 *
 * For the browser tests and Storybook only: nothing public (src/widget/index.ts, src/widget/relay-client/index.ts)
 * exports it, so the widget bundles never include it.
 */
export class ScriptedRelay implements RelayClient {
  readonly disclosures: DisclosureRequest[] = [];
  /** The items of each availability question. */
  readonly availabilityAsked: string[][] = [];
  readonly started: StartFlowRequest[] = [];
  readonly polls: { flowId: string; secret: string }[] = [];
  readonly cancelled: string[] = [];
  readonly registrations: { request: FallbackRequest; idempotencyKey: string }[] = [];
  /** What `availability` answers; available by default. */
  availabilityAnswer: Availability = { available: true, at: new Date().toISOString(), nextAvailableAt: null, servers: [] };
  /** What `disclosure` answers instead (a RelayError is thrown: `unknown-purpose`, `session-expired`…). */
  disclosureAnswer: Disclosure | RelayError | null = null;
  /** What `registerFallback` does: answer after `delayMs`, or throw. */
  fallbackAnswer: { delayMs: number } | RelayError = { delayMs: 0 };

  constructor(
    private readonly results: FlowResult[],
    private readonly start: FlowStarted | RelayError = {
      flowId: 'flow-1',
      launchUrl: 'about:blank#launch',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      consent: { service: '〇〇銀行', purpose: '住宅ローンの事前審査', retainUntil: '2026-12-23' },
    },
  ) {}

  async disclosure(request: DisclosureRequest): Promise<Disclosure> {
    this.disclosures.push(request);
    if (this.disclosureAnswer instanceof RelayError) throw this.disclosureAnswer;
    if (this.disclosureAnswer) return this.disclosureAnswer;
    if ('session' in request) return incomeSession;
    const { items } = request;
    return {
      service: '〇〇銀行',
      purpose: '住宅ローンの事前審査',
      retentionDays: 30,
      retainUntil: '2026-12-23',
      items: items.map((key) => ({ key, labelJa: key === 'localTax.salaryRevenue' ? '給与収入額' : key, labelEn: key })),
    };
  }

  async availability(items: readonly string[]): Promise<Availability> {
    this.availabilityAsked.push([...items]);
    return this.availabilityAnswer;
  }

  async registerFallback(request: FallbackRequest, idempotencyKey: string): Promise<{ registrationId: string }> {
    this.registrations.push({ request, idempotencyKey });
    if (this.fallbackAnswer instanceof RelayError) throw this.fallbackAnswer;
    await new Promise((resolve) => setTimeout(resolve, (this.fallbackAnswer as { delayMs: number }).delayMs));
    return { registrationId: `reg-${idempotencyKey.slice(0, 8)}` };
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

/** The 住基ネット planned stop of the 3rd weekend: down until Sunday 08:00 Japan time. */
export const jukiNetStopped: Availability = {
  available: false,
  at: '2026-11-21T14:00:00.000Z',
  nextAvailableAt: '2026-11-23T23:00:00.000Z',
  servers: [
    { id: 'mynaportal', available: true, nextAvailableAt: '2026-11-21T14:00:00.000Z', labelJa: 'マイナポータル', labelEn: 'Mynaportal' },
    {
      id: 'juki-net',
      available: false,
      nextAvailableAt: '2026-11-23T23:00:00.000Z',
      reason: 'planned-stop',
      labelJa: '住民基本台帳ネットワークシステム',
      labelEn: 'Resident Registry Network',
    },
  ],
};

const incomeResult: FlowSuccess = {
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
          unit: 'JPY',
          value: 5_670_000,
        },
      ],
    },
  ],
  retrievedAt: '2026-11-23T06:00:00.000Z',
  consent: { service: '〇〇銀行', purpose: '住宅ローンの事前審査', retainUntil: '2026-12-23' },
};

export const incomeSuccess: FlowResult = { status: 'success', result: incomeResult };

/** The same retrieval through a bound button: the verified result waits in the session `incomeSession` names. */
export const boundIncomeSuccess: FlowResult = { status: 'success', result: { ...incomeResult, sessionId: incomeSession.sessionId! } };
