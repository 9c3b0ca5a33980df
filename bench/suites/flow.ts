import { spawnStack, type StackHandle } from '../lib/stack-client.js';
import { median, percentile } from '../lib/stats.js';
import { flowBody, newSecret, widgetHeaders } from '../lib/widget-call.js';
import type { BenchRow } from '../table.js';

const RUNS = 10;
const WARMUP_RUNS = 1;
/** Per flow: a stuck flow fails the suite instead of hanging the run. */
const FLOW_DEADLINE_MS = 15_000;
const POLL_MS = 50;
const CARD = { persona: 'yamada-taro', pin: '1234' };

async function expectStatus(step: string, response: Response, status: number): Promise<void> {
  if (response.status !== status) {
    throw new Error(`flow bench: ${step} answered ${response.status}, expected ${status}: ${(await response.text()).slice(0, 300)}`);
  }
}

/** The consent window reduced to what the flow needs: a cookie jar per origin, redirects by hand. */
class ScriptedBrowser {
  readonly #jars = new Map<string, Map<string, string>>();

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.#jars.get(origin) ?? new Map<string, string>();
    this.#jars.set(origin, jar);
    const headers = new Headers();
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    let body: string | undefined;
    if (form !== undefined) {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
      headers.set('Origin', origin);
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(url, { method: form === undefined ? 'GET' : 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(FLOW_DEADLINE_MS) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute))) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects from `url` until one points at `stopOrigin` (returned, not followed) or a page answers. */
  async follow(url: string, stopOrigin?: string): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 10; hops += 1) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
      await response.body?.cancel();
      const next = new URL(location, current);
      if (next.origin === stopOrigin) return { response, url: next.href };
      current = next.href;
    }
    throw new Error('flow bench: too many redirects');
  }
}

/** start → launch → authorize → consent → card + PIN → callback → redeem; returns the elapsed ms. */
async function runFlow(stack: StackHandle): Promise<number> {
  const started = performance.now();
  const deadline = started + FLOW_DEADLINE_MS;
  const { secret, secretHash } = newSecret();
  const browser = new ScriptedBrowser();

  const start = await fetch(`${stack.relay}/v1/flows`, { method: 'POST', headers: widgetHeaders(), body: flowBody(secretHash) });
  await expectStatus('POST /v1/flows', start, 201);
  const { flowId, launchUrl } = (await start.json()) as { flowId: string; launchUrl: string };

  const launch = await browser.request(launchUrl);
  await expectStatus('launch', launch, 303);
  await launch.body?.cancel();
  const consentScreen = await browser.follow(new URL(launch.headers.get('location') ?? '', launchUrl).href);
  await expectStatus('consent screen', consentScreen.response, 200);
  await consentScreen.response.body?.cancel();

  const consent = await browser.request(`${consentScreen.url}/consent`, { agree: 'yes' });
  await expectStatus('consent (同意する)', consent, 303);
  await consent.body?.cancel();
  const card = await browser.request(`${consentScreen.url}/card`, CARD);
  await expectStatus('card + PIN', card, 303);
  await card.body?.cancel();
  const back = await browser.follow(new URL(card.headers.get('location') ?? '', consentScreen.url).href, stack.relay);
  if (!back.url.startsWith(`${stack.relay}/v1/flows/callback?`)) throw new Error(`flow bench: the portal sent the browser to ${back.url}`);

  const callback = await browser.request(back.url);
  await expectStatus('callback (hand-off page)', callback, 200);
  await callback.body?.cancel();

  for (;;) {
    const result = await fetch(`${stack.relay}/v1/flows/${flowId}/result`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ secret }) });
    await expectStatus('result', result, 200);
    const body = (await result.json()) as { status: string };
    if (body.status === 'success') return performance.now() - started;
    if (body.status !== 'pending' && body.status !== 'awaiting-consent') throw new Error(`flow bench: the flow ended ${JSON.stringify(body)}`);
    if (performance.now() > deadline) throw new Error(`flow bench: no result within ${FLOW_DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The whole consent flow against relay + sandbox over HTTP with scripted clicks (as the relay's
 * flow tests drive it), sequentially; the guideline's ceiling is about 20 s (Q&A 問2).
 */
export async function flowSuite(): Promise<BenchRow[]> {
  const stack = await spawnStack();
  try {
    const samples: number[] = [];
    for (let run = 0; run < WARMUP_RUNS + RUNS; run += 1) {
      const elapsed = await runFlow(stack);
      if (run >= WARMUP_RUNS) samples.push(elapsed);
    }
    const note = `${RUNS} sequential flows (persona ${CARD.persona}), start → consent + PIN → callback → redeem, result polled every ${POLL_MS} ms`;
    return [
      { suite: 'flow', name: 'sandbox end-to-end median', value: median(samples), unit: 'ms', budget: 2000, note },
      { suite: 'flow', name: 'sandbox end-to-end p90', value: percentile(samples, 90), unit: 'ms' },
    ];
  } finally {
    await stack.close();
  }
}
