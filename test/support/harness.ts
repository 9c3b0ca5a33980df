import assert from 'node:assert/strict';
import { CALLBACK_PATH, jsonLogger, silentLogger, type Logger } from '../../src/server/index.js';
import { ALWAYS_OPEN, HOST_ORIGIN, RETURN_URL, widgetHeaders, widgetSecret } from './fixtures.js';
import { ScriptedBrowser } from './scripted-browser.js';
import { startStack, type Stack } from './stack.js';

const CLIENT_ID = 'myna-relay-test';

/** The relay and the sandbox for the flow tests (`startStack` with a sandbox). */
export type Harness = Stack;

/**
 * Both servers on loopback, every server always up, data in a temporary directory.
 * `RELAY_TEST_LOG=1` shows the relay's log; `log` replaces it (e.g. a logger capturing every line).
 */
export function startHarness(options: { slowDelayMs?: number; codeTtlSeconds?: number; log?: Logger } = {}): Promise<Harness> {
  return startStack({
    env: { RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN },
    log: options.log ?? (process.env['RELAY_TEST_LOG'] === undefined ? silentLogger : jsonLogger()),
    sandbox: {
      clientId: CLIENT_ID,
      ...(options.slowDelayMs === undefined ? {} : { slowDelayMs: options.slowDelayMs }),
      ...(options.codeTtlSeconds === undefined ? {} : { codeTtlSeconds: options.codeTtlSeconds }),
    },
  });
}

/** Where the flow helpers below find the two servers (a Harness, or a relay run as a process). */
export type Origins = Pick<Harness, 'relayOrigin' | 'sandboxOrigin'>;

export interface StartedFlow {
  flowId: string;
  launchUrl: string;
  secret: string;
}

export async function startFlow(harness: Origins, overrides: Record<string, unknown> = {}): Promise<StartedFlow> {
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
export async function openConsentScreen(browser: ScriptedBrowser, harness: Origins, flow: StartedFlow): Promise<PortalScreens> {
  const launch = await browser.request(flow.launchUrl);
  assert.equal(launch.status, 303);
  const authorizationUrl = launch.headers.get('location') ?? '';
  assert.ok(authorizationUrl.startsWith(harness.sandboxOrigin), authorizationUrl);
  const { response, url } = await browser.follow(authorizationUrl);
  assert.equal(response.status, 200, `consent screen at ${url}`);
  assert.match(await response.text(), /name="agree"/);
  return { interactionUrl: url };
}

const isRelayCallback = (harness: Origins) => (next: URL) => next.origin === harness.relayOrigin;

/** Ticks 「同意する」, picks the card and enters the PIN; returns the URL of the redirect back to the relay. */
export async function consentAndAuthenticate(
  browser: ScriptedBrowser,
  harness: Origins,
  screens: PortalScreens,
  card: { persona: string; pin: string },
): Promise<string> {
  const consent = await browser.request(`${screens.interactionUrl}/consent`, { form: { agree: 'yes' } });
  assert.equal(consent.status, 303);
  const cardPost = await browser.request(`${screens.interactionUrl}/card`, { form: card });
  if (cardPost.status !== 303) return '';
  return followToRelay(browser, harness, new URL(cardPost.headers.get('location') ?? '', screens.interactionUrl).href);
}

export async function followToRelay(browser: ScriptedBrowser, harness: Origins, url: string): Promise<string> {
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

export async function pollResult(harness: Origins, flow: StartedFlow, timeoutMs = 10_000): Promise<{ status: number; body: Record<string, unknown> }> {
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

export function postResult(harness: Origins, flow: StartedFlow, secret = flow.secret): Promise<Response> {
  return fetch(`${harness.relayOrigin}/v1/flows/${flow.flowId}/result`, {
    method: 'POST',
    headers: widgetHeaders(),
    body: JSON.stringify({ secret }),
  });
}

export { HOST_ORIGIN, ScriptedBrowser };
