import { catalogEntry } from '../../src/domain/catalog/lookup.js';
import type { Availability, Disclosure, DisclosureRequest, FallbackRequest, FlowResult, FlowStarted, StartFlowRequest } from '../../src/widget/relay-client/index.js';
import { RelayError } from '../../src/widget/relay-client/index.js';
import { ScriptedRelay } from '../../src/widget/relay-client/scripted-relay-client.js';

export { RelayError };
export { SESSION_TOKEN, boundIncomeSuccess, incomeSuccess, jukiNetStopped } from '../../src/widget/relay-client/scripted-relay-client.js';

/** A relay call that can be left unanswered, to show the element while it waits for the relay. */
export type HeldCall = 'disclosure' | 'availability' | 'startFlow' | 'registerFallback';

/** What a story's relay answers: set once per story in `parameters.relay`. */
export interface RelayScript {
  /** One entry per poll of the flow result; the last repeats. Default: waits for consent forever. */
  readonly results?: readonly FlowResult[];
  /**
   * How `startFlow` answers: a refusal, or `'same-page'` for redirect and kiosk stories: the launch
   * URL is this page with the relay's `#myna-flow=<id>` fragment, so "going to the portal" is a
   * fragment navigation that keeps the story on screen (see `returnFromPortal`).
   */
  readonly start?: RelayError | 'same-page';
  /** The refusal `disclosure` throws (`unknown-purpose`, `session-expired`…). Default: it answers. */
  readonly disclosure?: RelayError;
  /** What `availability` answers, or the error it throws. Default: everything up. */
  readonly availability?: Availability | RelayError;
  /** What `registerFallback` does: answer after `delayMs`, or throw. */
  readonly fallback?: { delayMs: number } | RelayError;
  /** Calls that never answer. */
  readonly hold?: readonly HeldCall[];
}

/** The provider as the relay describes it, in the story's language (a real relay has one wording). */
const PROVIDER = {
  ja: { service: '〇〇銀行', purpose: '住宅ローンの事前審査' },
  en: { service: 'Example Bank', purpose: 'Home loan pre-screening' },
} as const;

const FLOW_ID = 'story-flow-1';
const never = () => new Promise<never>(() => undefined);

/**
 * The scripted relay client of the browser tests, with what stories need on top: catalog labels in
 * the disclosure, calls that never answer, an unreachable relay, and same-page launch URLs.
 * Handed to the element through `<myna-fetch-config .relayClient=…>` (@lit/context).
 */
export class StoryRelay extends ScriptedRelay {
  private readonly hold: ReadonlySet<HeldCall>;

  constructor(
    private readonly script: RelayScript = {},
    private readonly lang: 'ja' | 'en' = 'ja',
  ) {
    super([...(script.results ?? [{ status: 'awaiting-consent' }])], script.start instanceof RelayError ? script.start : undefined);
    if (script.availability && !(script.availability instanceof RelayError)) this.availabilityAnswer = script.availability;
    if (script.fallback) this.fallbackAnswer = script.fallback;
    if (script.disclosure) this.disclosureAnswer = script.disclosure;
    this.hold = new Set(script.hold ?? []);
  }

  /** A session's request (`{ session }`) gets the session's items, as the scripted relay has them. */
  override async disclosure(request: DisclosureRequest): Promise<Disclosure> {
    if (this.hold.has('disclosure')) return never();
    const disclosure = await super.disclosure(request);
    return {
      ...disclosure,
      ...PROVIDER[this.lang],
      items: disclosure.items.map(({ key }) => {
        const entry = catalogEntry(key);
        return { key, labelJa: entry?.labelJa ?? key, labelEn: entry?.labelEn ?? key };
      }),
    };
  }

  override async availability(items: readonly string[]): Promise<Availability> {
    if (this.hold.has('availability')) return never();
    if (this.script.availability instanceof RelayError) throw this.script.availability;
    return super.availability(items);
  }

  override async startFlow(request: StartFlowRequest): Promise<FlowStarted> {
    if (this.hold.has('startFlow')) {
      this.started.push(request);
      return never();
    }
    const started = { ...(await super.startFlow(request)), flowId: FLOW_ID };
    const consent = { ...started.consent, ...PROVIDER[this.lang] };
    if (this.script.start !== 'same-page') return { ...started, consent };
    return { ...started, consent, launchUrl: `${location.href.split('#')[0]}#myna-flow=${FLOW_ID}` };
  }

  override async registerFallback(request: FallbackRequest, idempotencyKey: string): Promise<{ registrationId: string }> {
    if (this.hold.has('registerFallback')) {
      this.registrations.push({ request, idempotencyKey });
      return never();
    }
    return super.registerFallback(request, idempotencyKey);
  }
}
