/**
 * Clickjacking, in Chromium: another page frames the relay's launch URL (which leads to the consent
 * screen), the sandbox's consent screen itself, and one of the relay's own pages, to overlay them.
 * The browser must render none of them (`frame-ancestors 'none'` on the portal's screens and on the
 * relay's pages), while an ordinary frame on the same page loads.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { closeServer, listenOnLoopback } from '../support/loopback.js';
import { ARTIFACTS_DIR, newSession } from './support/browser.js';
import { startE2eStack, type E2eStack } from './support/stack.js';

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack();
});
after(async () => {
  await stack?.close();
});

const BLOCKED_FRAME_URL = 'chrome-error://chromewebdata/';
const CONTROL_TEXT = 'an ordinary frame';

/** Starts a flow as the widget on the host page would; returns its (unused) launch URL. */
function startFlowFromHostPage(page: Page): Promise<string> {
  return page.evaluate(async (relayOrigin) => {
    const response = await fetch(`${relayOrigin}/v1/flows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' },
      body: JSON.stringify({
        items: ['localTax.salaryRevenue'],
        query: { method: 'latest' },
        mode: 'popup',
        returnUrl: location.href,
        secretHash: 'A'.repeat(43),
      }),
    });
    if (response.status !== 201) throw new Error(`flow start answered ${response.status}`);
    return ((await response.json()) as { launchUrl: string }).launchUrl;
  }, stack.portal.relayOrigin);
}

/** A page on its own origin that frames the given URLs next to an ordinary frame of its own. */
async function startFramingPage(targets: readonly string[]) {
  const { server, origin } = await listenOnLoopback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    if (request.url === '/control') return response.end(`<!doctype html><p>${CONTROL_TEXT}</p>`);
    const frames = [`${origin}/control`, ...targets].map((src) => `<iframe src="${src}" width="600" height="300"></iframe>`);
    response.end(`<!doctype html><title>framing page</title>${frames.join('')}`);
  });
  return { origin, close: () => closeServer(server) };
}

/** The page's child frames once each has committed a document: its own, or the browser's error page. */
async function settledFrames(page: Page, count: number): Promise<Frame[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frames = page.mainFrame().childFrames();
    if (frames.length === count && frames.every((frame) => frame.url() !== '' && frame.url() !== 'about:blank')) {
      await Promise.all(frames.map((frame) => frame.waitForLoadState('load').catch(() => undefined)));
      return frames;
    }
    if (Date.now() > deadline) throw new Error(`frames did not settle: ${frames.map((frame) => frame.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('clickjacking: the consent cannot be framed by another page', () => {
  test('the launch URL, the portal’s consent screen and the relay’s pages render only at the top level, never in a frame', async () => {
    const session = await newSession(stack.browser, stack.host.origin);
    const framing = { close: async () => undefined } as { close: () => Promise<void> };
    try {
      await session.page.goto(stack.url('loan.html'));
      const launchUrl = await startFlowFromHostPage(session.page);

      // A second flow, followed at the top level as the pop-up would: the consent screen shows there.
      const topLevel = await session.context.newPage();
      await topLevel.goto(await startFlowFromHostPage(session.page));
      const consentUrl = topLevel.url();
      assert.ok(consentUrl.startsWith(`${stack.portal.sandboxOrigin}/interaction/`), consentUrl);
      await topLevel.locator('[name="agree"]').waitFor();

      // A page of the relay's own: the refusal a stale mail link shows (HTML, the relay's headers).
      const relayPage = `${stack.portal.relayOrigin}/v1/resume/not-a-token`;
      const relayPageAtTop = await session.context.newPage();
      const relayPageResponse = await relayPageAtTop.goto(relayPage);
      assert.match(relayPageResponse!.headers()['content-type'] ?? '', /text\/html/);
      assert.notEqual((await relayPageAtTop.locator('body').innerText()).trim(), '', 'the relay page renders at the top level');

      const page = await startFramingPage([launchUrl, consentUrl, relayPage]);
      framing.close = page.close;
      const attacker = await session.context.newPage();
      await attacker.goto(`${page.origin}/`);
      const [control, launchFrame, consentFrame, relayPageFrame] = await settledFrames(attacker, 4);

      assert.equal(control!.url(), `${page.origin}/control`);
      assert.match(await control!.locator('body').innerText(), new RegExp(CONTROL_TEXT), 'an ordinary frame loads, so the refusals below are the headers’ doing');
      for (const [name, frame] of [
        ['launch URL (relay → portal consent screen)', launchFrame!],
        ['portal consent screen', consentFrame!],
        ['relay page', relayPageFrame!],
      ] as const) {
        assert.equal(frame.url(), BLOCKED_FRAME_URL, `${name}: the browser refused to render it in a frame`);
        assert.equal(await frame.locator('[name="agree"]').count(), 0, `${name}: no consent control reachable in the frame`);
      }
      // Framing attempts leave the real consent screen working at the top level.
      assert.equal(await topLevel.locator('[name="agree"]').count(), 1);
      await attacker.screenshot({ path: `${ARTIFACTS_DIR}clickjacking-framing-page.png` });
    } finally {
      await framing.close();
      await session.close();
    }
  });
});
