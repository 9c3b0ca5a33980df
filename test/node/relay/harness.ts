import assert from 'node:assert/strict';
import type { AvailabilityHook } from '../../../src/sandbox/index.js';
import { CALLBACK_PATH, jsonLogger, silentLogger, type Logger, type RelayConfig, type RelayDeps } from '../../../src/relay/index.js';
import { startPortalStack } from '../../support/portal-stack.js';
import { ALWAYS_OPEN, HOST_ORIGIN, RETURN_URL, temporaryDir, widgetHeaders, widgetSecret } from './helpers.js';

const CLIENT_ID = 'myna-relay-test';

export interface Harness {
  relayOrigin: string;
  sandboxOrigin: string;
  config: RelayConfig;
  deps: RelayDeps;
  dataDir: string;
  /** Moves the relay's clock (flow expiry); the sandbox keeps real time. */
  advanceRelayClock(ms: number): void;
  /** Replaces the sandbox's operating-hours answer. */
  setAvailability(hook: AvailabilityHook): void;
  /** Replaces how the relay reaches the portal, for interception tests; null restores plain fetch. */
  interceptPortal(intercept: typeof fetch | null): void;
  close(): Promise<void>;
}

/** What the flow helpers below need: where the browser reaches the relay and the portal. */
export type RelayOrigins = Pick<Harness, 'relayOrigin' | 'sandboxOrigin'>;

/**
 * Both servers on loopback, ports allocated first (test/support/portal-stack.ts).
 * `RELAY_TEST_LOG=1` shows the relay's log; `log` replaces it (e.g. a logger capturing every line).
 */
export async function startHarness(options: { slowDelayMs?: number; log?: Logger } = {}): Promise<Harness> {
  const dir = await temporaryDir('relay-flow-');
  const stack = await startPortalStack({
    dataDir: dir.path,
    clientId: CLIENT_ID,
    env: { RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN },
    log: options.log ?? (process.env['RELAY_TEST_LOG'] === undefined ? silentLogger : jsonLogger()),
    ...(options.slowDelayMs === undefined ? {} : { slowDelayMs: options.slowDelayMs }),
  });
  return {
    relayOrigin: stack.relayOrigin,
    sandboxOrigin: stack.sandboxOrigin,
    config: stack.config,
    deps: stack.deps,
    dataDir: `${dir.path}/relay`,
    advanceRelayClock: stack.advanceRelayClock,
    setAvailability: stack.setAvailability,
    interceptPortal: stack.interceptPortal,
    async close() {
      await stack.close();
      await dir.remove();
    },
  };
}

/** A browser reduced to what the flow needs: one cookie jar per origin, redirects followed by hand. */
export class TestBrowser {
  readonly #jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.#jars.get(origin)?.get(name);
  }

  dropCookie(origin: string, name: string): void {
    this.#jars.get(origin)?.delete(name);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.#jars.get(origin) ?? new Map<string, string>();
    this.#jars.set(origin, jar);
    const headers = new Headers();
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    let body: string | undefined;
    if (init.form !== undefined) {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
      headers.set('Origin', origin);
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** GETs `url` and follows redirects until one leaves for `stopAt` (returned, not followed) or a page answers. */
  async follow(url: string, stopAt?: (next: URL) => boolean): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 10; hops += 1) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
      const next = new URL(location, current);
      await response.body?.cancel();
      if (stopAt?.(next) === true) return { response, url: next.href };
      current = next.href;
    }
    throw new Error('too many redirects');
  }
}

export interface StartedFlow {
  flowId: string;
  launchUrl: string;
  secret: string;
}

export async function startFlow(harness: RelayOrigins, overrides: Record<string, unknown> = {}): Promise<StartedFlow> {
  const { secret, secretHash } = widgetSecret();
  const response = await fetch(`${harness.relayOrigin}/v1/flows`, {
    method: 'POST',
    headers: widgetHeaders(),
    body: JSON.stringify({
      items: ['localTax.salaryRevenue', 'localTax.taxYear'],
      query: { method: 'latest' },
      mode: 'popup',
      returnUrl: RETURN_URL,
      secretHash,
      ...overrides,
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const { flowId, launchUrl } = (await response.json()) as { flowId: string; launchUrl: string };
  return { flowId, launchUrl, secret };
}

export interface PortalScreens {
  /** The interaction page URL (consent screen) at the sandbox. */
  interactionUrl: string;
}

/** Launch at the relay, then to the sandbox's consent screen. */
export async function openConsentScreen(browser: TestBrowser, harness: RelayOrigins, flow: StartedFlow): Promise<PortalScreens> {
  const launch = await browser.request(flow.launchUrl);
  assert.equal(launch.status, 303);
  const authorizationUrl = launch.headers.get('location') ?? '';
  assert.ok(authorizationUrl.startsWith(harness.sandboxOrigin), authorizationUrl);
  const { response, url } = await browser.follow(authorizationUrl);
  assert.equal(response.status, 200, `consent screen at ${url}`);
  assert.match(await response.text(), /name="agree"/);
  return { interactionUrl: url };
}

const isRelayCallback = (harness: RelayOrigins) => (next: URL) => next.origin === harness.relayOrigin;

/** Ticks 「同意する」, picks the card and enters the PIN; returns the URL of the redirect back to the relay. */
export async function consentAndAuthenticate(
  browser: TestBrowser,
  harness: RelayOrigins,
  screens: PortalScreens,
  card: { persona: string; pin: string },
): Promise<string> {
  const consent = await browser.request(`${screens.interactionUrl}/consent`, { form: { agree: 'yes' } });
  assert.equal(consent.status, 303);
  const cardPost = await browser.request(`${screens.interactionUrl}/card`, { form: card });
  if (cardPost.status !== 303) return '';
  return followToRelay(browser, harness, new URL(cardPost.headers.get('location') ?? '', screens.interactionUrl).href);
}

export async function followToRelay(browser: TestBrowser, harness: RelayOrigins, url: string): Promise<string> {
  const { url: callbackUrl } = await browser.follow(url, isRelayCallback(harness));
  assert.ok(callbackUrl.startsWith(`${harness.relayOrigin}${CALLBACK_PATH}?`), callbackUrl);
  return callbackUrl;
}

/** The hand-off page's message (popup mode). */
export async function handOffMessage(response: Response): Promise<{ type: string; flowId: string; outcome: string; targetOrigin: string }> {
  assert.equal(response.status, 200);
  const html = await response.text();
  const attribute = (name: string) => {
    const match = new RegExp(`${name}="([^"]*)"`).exec(html);
    assert.ok(match?.[1] !== undefined, `hand-off page lacks ${name}`);
    return match[1].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  };
  const message = JSON.parse(attribute('data-message')) as { type: string; flowId: string; outcome: string };
  return { ...message, targetOrigin: attribute('data-target-origin') };
}

export async function pollResult(harness: RelayOrigins, flow: StartedFlow, timeoutMs = 10_000): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await postResult(harness, flow);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200 || (body['status'] !== 'pending' && body['status'] !== 'awaiting-consent') || Date.now() > deadline) {
      return { status: response.status, body };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function postResult(harness: RelayOrigins, flow: StartedFlow, secret = flow.secret): Promise<Response> {
  return fetch(`${harness.relayOrigin}/v1/flows/${flow.flowId}/result`, {
    method: 'POST',
    headers: widgetHeaders(),
    body: JSON.stringify({ secret }),
  });
}

export { HOST_ORIGIN };
