import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { core } from 'zod/mini';
import { safeParse } from 'zod/mini';
import {
  PROBLEMS,
  availabilityAnswer,
  catalogAnswer,
  devClockAnswer,
  disclosureAnswer,
  fallbackRegistered,
  flowResult,
  flowStarted,
  handOffMessage as handOffMessageSchema,
  healthAnswer,
  jwksAnswer,
  problem,
  sessionAnswer,
  sessionCreated,
  webhookEventList,
  weekAnswer,
  type ProblemCode,
} from '../../../src/protocol/index.js';
import { DEV_API_KEY } from '../../../src/server/index.js';
import { RETURN_URL, fallbackBody, startBody, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';
import {
  consentAndAuthenticate,
  handOffMessage,
  openConsentScreen,
  ScriptedBrowser,
  startFlow,
  startHarness,
  type Harness,
} from '../../support/harness.js';

/**
 * Every route the relay registers, with what it answers: a protocol schema for JSON, or the kind
 * of non-JSON answer (a page, a redirect, a script). A route missing here fails the first test.
 */
const CONTRACT: Record<string, core.$ZodType | 'page' | 'redirect' | 'script' | 'jwt' | 'empty'> = {
  'GET /healthz': healthAnswer,
  'GET /v1/catalog': catalogAnswer,
  'GET /.well-known/jwks.json': jwksAnswer,
  'GET /v1/handoff.js': 'script',
  'GET /v1/disclosure': disclosureAnswer,
  'POST /v1/disclosure': disclosureAnswer,
  'POST /v1/sessions': sessionCreated,
  'GET /v1/sessions/:id': sessionAnswer,
  'GET /v1/sessions/:id/result': 'jwt',
  'DELETE /v1/sessions/:id': 'empty',
  'GET /v1/webhooks/events': webhookEventList,
  'POST /v1/webhooks/events/:id/redeliver': 'empty',
  'GET /v1/availability': availabilityAnswer,
  'GET /v1/availability/week': weekAnswer,
  'POST /v1/flows': flowStarted,
  'GET /v1/flows/callback': 'page',
  'GET /v1/flows/:flowId/launch': 'redirect',
  'POST /v1/flows/:flowId/result': flowResult,
  'POST /v1/flows/:flowId/cancel': flowResult,
  'POST /v1/fallback': fallbackRegistered,
  'GET /v1/resume/:token': 'page',
  'GET /v1/dev/clock': devClockAnswer,
  'POST /v1/dev/clock': devClockAnswer,
};

/** A route that answers a page, a redirect or a script answers that, not JSON. */
function answersKind(route: string, response: Response): void {
  const kind = CONTRACT[route];
  if (kind === 'redirect') {
    assert.equal(response.status, 303, route);
    assert.ok(response.headers.get('location'), `${route} redirects somewhere`);
  } else {
    assert.equal(response.status < 500, true, route);
    const type = response.headers.get('content-type') ?? '';
    assert.match(type, kind === 'script' ? /^text\/javascript/ : /^text\/html/, `${route} answers ${String(kind)}`);
  }
}

/** Parses `response` with its protocol schema: the answer's schema when it succeeded, the problem document's otherwise. */
async function conforms(route: string, response: Response): Promise<unknown> {
  const body: unknown = await response.json();
  if (response.ok) {
    const schema = CONTRACT[route];
    assert.ok(schema !== undefined && typeof schema === 'object', `${route} answers JSON`);
    const parsed = safeParse(schema, body);
    assert.ok(parsed.success, `${route}: ${JSON.stringify(parsed.error?.issues[0])}`);
    // The schemas drop what they do not name: equal means the route answered nothing more.
    assert.deepEqual(parsed.data, body, `${route} answers only members the protocol names`);
    return parsed.data;
  }
  assert.equal(response.headers.get('content-type'), 'application/problem+json', route);
  const parsed = safeParse(problem, body);
  assert.ok(parsed.success, `${route} problem: ${JSON.stringify(parsed.error?.issues[0])}`);
  const code = parsed.data.code as ProblemCode;
  assert.ok(Object.hasOwn(PROBLEMS, code), `${route}: problem code ${code} is in src/protocol/problems.ts`);
  assert.equal(response.status, PROBLEMS[code].status, `${route}: ${code} answers the status the protocol gives it`);
  return parsed.data;
}

describe('the wire contract: every relay route answers what src/protocol names', () => {
  let t: Stack;
  let harness: Harness;
  before(async () => {
    t = await testApp({ RELAY_DEV_ROUTES: '1' });
    harness = await startHarness();
  });
  after(async () => {
    await t.close();
    await harness.close();
  });

  it('names every route the app registers, and registers every route it names', () => {
    const registered = new Set(
      t.app.routes.filter((route) => route.method !== 'ALL' && !route.path.endsWith('/*')).map((route) => `${route.method} ${route.path}`),
    );
    assert.deepEqual([...registered].filter((route) => !(route in CONTRACT)), [], 'routes without a contract entry');
    assert.deepEqual(Object.keys(CONTRACT).filter((route) => !registered.has(route)), [], 'contract entries without a route');
  });

  it('read-only routes, their successes and their problems', async () => {
    for (const route of ['GET /healthz', 'GET /v1/catalog', 'GET /.well-known/jwks.json']) {
      await conforms(route, await t.app.request(route.split(' ')[1]!));
    }
    await conforms('GET /v1/disclosure', await t.app.request('/v1/disclosure?items=localTax.salaryRevenue'));
    await conforms('GET /v1/disclosure', await t.app.request('/v1/disclosure?items=nope'));
    await conforms('GET /v1/availability', await t.app.request('/v1/availability?items=localTax,household&at=2026-11-21T22:30:00%2B09:00'));
    await conforms('GET /v1/availability', await t.app.request('/v1/availability?items='));
    await conforms('GET /v1/availability/week', await t.app.request('/v1/availability/week?items=localTax'));
    await conforms('GET /v1/availability/week', await t.app.request('/v1/availability/week?items=localTax&from=2099-12-30T00:00:00Z'));
    await conforms('GET /v1/dev/clock', await t.app.request('/v1/dev/clock'));
    await conforms('POST /v1/dev/clock', await t.app.request('/v1/dev/clock', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ reset: true }) }));
  });

  it('the widget’s mutations and their problems', async () => {
    const post = (path: string, body: unknown, headers = widgetHeaders()) => t.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
    await conforms('POST /v1/fallback', await post('/v1/fallback', fallbackBody()));
    await conforms('POST /v1/fallback', await post('/v1/fallback', fallbackBody({ emailConfirmation: 'other@example.com' })));
    await conforms('POST /v1/flows', await post('/v1/flows', { items: [] }));
    await conforms('POST /v1/flows', await post('/v1/flows', {}, { ...widgetHeaders(), Origin: 'https://evil.example' }));
    await conforms('POST /v1/flows/:flowId/result', await post('/v1/flows/unknown/result', { secret: 'x'.repeat(43) }));
    await conforms('POST /v1/flows/:flowId/cancel', await post('/v1/flows/unknown/cancel', { secret: 'short' }));
  });

  it('the provider routes and their problems (server to server, Bearer key)', async () => {
    const call = (method: string, path: string, body?: unknown, key = DEV_API_KEY) =>
      t.app.request(path, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const created = (await conforms('POST /v1/sessions', await call('POST', '/v1/sessions', { items: ['localTax'], purpose: 'mortgage-prescreen' }))) as { sessionId: string; clientToken: string };
    await conforms('POST /v1/sessions', await call('POST', '/v1/sessions', { items: ['localTax'], purpose: 'nope' }));
    await conforms('POST /v1/sessions', await call('POST', '/v1/sessions', {}, 'myna_test_wrong'));
    await conforms('GET /v1/sessions/:id', await call('GET', `/v1/sessions/${created.sessionId}`));
    await conforms('GET /v1/sessions/:id', await call('GET', '/v1/sessions/unknown'));
    await conforms('GET /v1/sessions/:id/result', await call('GET', `/v1/sessions/${created.sessionId}/result`));
    await conforms('POST /v1/disclosure', await t.app.request('/v1/disclosure', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ session: created.clientToken }) }));
    await conforms('POST /v1/disclosure', await t.app.request('/v1/disclosure', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ session: 'x'.repeat(43) }) }));
    const deleted = await call('DELETE', `/v1/sessions/${created.sessionId}`);
    assert.equal(deleted.status, 204);
    assert.equal(await deleted.text(), '');
    await conforms('DELETE /v1/sessions/:id', await call('DELETE', `/v1/sessions/${created.sessionId}`));
    await conforms('GET /v1/webhooks/events', await call('GET', '/v1/webhooks/events?status=failing'));
    await conforms('GET /v1/webhooks/events', await call('GET', '/v1/webhooks/events?limit=0'));
    await conforms('POST /v1/webhooks/events/:id/redeliver', await call('POST', '/v1/webhooks/events/evt_AAAAAAAAAAAAAAAAAAAAAA/redeliver'));
  });

  it('flow creation, its launch (a redirect, once), the pages and the script', async () => {
    const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(body) });
    const started = (await conforms('POST /v1/flows', await post('/v1/flows', startBody(widgetSecret().secretHash)))) as { launchUrl: string };
    const launch = new URL(started.launchUrl).pathname;
    answersKind('GET /v1/flows/:flowId/launch', await t.app.request(launch));
    await conforms('GET /v1/flows/:flowId/launch', await t.app.request(launch));
    await conforms('GET /v1/flows/callback', await t.app.request('/v1/flows/callback?state=nope&code=x'));
    answersKind('GET /v1/resume/:token', await t.app.request('/v1/resume/not-a-token'));
    answersKind('GET /v1/handoff.js', await t.app.request('/v1/handoff.js'));
  });

  it('out of the hours: availability says which servers, and a flow start is a 503 problem naming them', async () => {
    const closed = await testApp({ RELAY_SCHEDULE_OVERRIDES: '{}', RELAY_CLOCK: '2026-11-21T23:00:00+09:00' });
    try {
      // The 3rd Saturday of November 2026, 23:00: the planned stops of table 2.5-2/2.5-3.
      const answer = (await conforms('GET /v1/availability', await closed.app.request('/v1/availability?items=localTax.salaryRevenue'))) as { available: boolean };
      assert.equal(answer.available, false);
      const refused = await closed.app.request('/v1/flows', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(startBody(widgetSecret().secretHash)) });
      assert.equal(refused.status, 503);
      const document = (await conforms('POST /v1/flows', refused)) as { servers?: unknown[] };
      assert.ok((document.servers?.length ?? 0) > 0, 'the problem names the servers that are down');
    } finally {
      await closed.close();
    }
  });

  it('a whole flow against the sandbox: started, awaiting consent, success, then gone; and a cancelled one', async () => {
    const relay = (path: string, body: unknown) =>
      fetch(`${harness.relayOrigin}${path}`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(body) });
    const flow = await startFlow(harness);
    const browser = new ScriptedBrowser();
    assert.equal(((await conforms('POST /v1/flows/:flowId/result', await relay(`/v1/flows/${flow.flowId}/result`, { secret: flow.secret }))) as { status: string }).status, 'awaiting-consent');
    const screens = await openConsentScreen(browser, harness, flow);
    const handOff = await browser.request(await consentAndAuthenticate(browser, harness, screens, { persona: 'yamada-taro', pin: '1234' }));
    // The hand-off page's postMessage is part of the contract too.
    const { targetOrigin, ...note } = await handOffMessage(handOff);
    assert.deepEqual(handOffMessageSchema.parse(note), note);
    assert.equal(note.outcome, 'consented');
    assert.equal(targetOrigin, new URL(RETURN_URL).origin);
    const statuses = new Set<string>();
    for (let attempt = 0; attempt < 100 && !statuses.has('success'); attempt++) {
      const answer = (await conforms('POST /v1/flows/:flowId/result', await relay(`/v1/flows/${flow.flowId}/result`, { secret: flow.secret }))) as { status: string };
      statuses.add(answer.status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(statuses.has('success'), `statuses seen: ${[...statuses].join(', ')}`);
    // Handed out once: the next poll is a 410 problem of the protocol.
    await conforms('POST /v1/flows/:flowId/result', await relay(`/v1/flows/${flow.flowId}/result`, { secret: flow.secret }));

    const other = await startFlow(harness);
    const cancelled = (await conforms('POST /v1/flows/:flowId/cancel', await relay(`/v1/flows/${other.flowId}/cancel`, { secret: other.secret }))) as { status: string };
    assert.equal(cancelled.status, 'cancelled');
  });
});
