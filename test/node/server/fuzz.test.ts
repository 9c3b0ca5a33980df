import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { acceptingPortal } from '../../support/fixtures.js';
import { FAKE_ISSUER, HOST_ORIGIN, RETURN_URL, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';

const RUNS = 150;

/** Every answer is a deliberate one: below 500, and a problem document whenever it is an error. */
async function assertHandled(response: Response, what: string): Promise<void> {
  assert.ok(response.status < 500, `${what} → ${response.status} ${await response.clone().text()}`);
  if (response.status >= 400) {
    assert.equal(response.headers.get('content-type'), 'application/problem+json', what);
    const problem = (await response.json()) as { code?: unknown; status?: unknown };
    assert.equal(typeof problem.code, 'string', what);
    assert.equal(problem.status, response.status, what);
  }
}

function request(t: Stack, path: string, init: RequestInit): Promise<Response> | undefined {
  let url: URL;
  try {
    url = new URL(path, 'http://localhost:8787');
  } catch {
    return undefined; // not a URL a client could send
  }
  return Promise.resolve(t.app.request(url.href, init));
}

const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const flowIdLike = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), anyText.map(encodeURIComponent));

const dateLike = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  anyText,
);

const nearValidBody = fc.record(
  {
    items: fc.oneof(
      fc.array(fc.constantFrom('localTax', 'localTax.salaryRevenue', 'household', '2', 'pension', 'nope', '', '__proto__'), { maxLength: 5 }),
      fc.jsonValue(),
    ),
    query: fc.oneof(
      fc.record({ method: fc.constantFrom('latest', 'at', 'range', 'soon'), at: dateLike, from: dateLike, to: dateLike }, { requiredKeys: ['method'] }),
      fc.jsonValue(),
    ),
    mode: fc.oneof(fc.constantFrom('popup', 'redirect', 'kiosk'), fc.jsonValue()),
    returnUrl: fc.oneof(fc.constant(RETURN_URL), fc.webUrl(), anyText),
    secretHash: fc.oneof(fc.constant(widgetSecret().secretHash), anyText),
    secret: anyText,
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  nearValidBody.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  anyText,
  fc.constant(''),
);

const queryString = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('state', 'code', 'iss', 'error', 'error_description', 'items'), anyText), anyText), { maxLength: 6 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
  anyText,
);

describe('relay routes under malformed input (fast-check)', () => {
  let t: Stack;
  let launchedFlowId = '';
  before(async () => {
    t = await testApp();
    const started = await t.app.request('/v1/flows', {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ items: ['localTax'], query: { method: 'latest' }, mode: 'popup', returnUrl: RETURN_URL, secretHash: widgetSecret().secretHash }),
    });
    launchedFlowId = ((await started.json()) as { flowId: string }).flowId;
    await t.app.request(`/v1/flows/${launchedFlowId}/launch`);
  });
  after(() => t.close());

  it('POST /v1/flows never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        await assertHandled(await t.app.request('/v1/flows', { method: 'POST', headers: widgetHeaders(), body: text }), text);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/flows/:id/result and /cancel never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('result', 'cancel'), fc.oneof(flowIdLike, fc.constant(launchedFlowId)), body, async (action, flowId, text) => {
        const response = request(t, `/v1/flows/${flowId}/${action}`, { method: 'POST', headers: widgetHeaders(), body: text });
        if (response !== undefined) await assertHandled(await response, `${action} ${flowId} ${text}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET routes never answer 5xx, whatever the query string or cookie', async () => {
    const paths = ['/healthz', '/v1/catalog', '/v1/disclosure', '/.well-known/jwks.json', '/v1/handoff.js', '/v1/flows/callback'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), queryString, anyText, async (path, query, cookie) => {
        const headers = { Cookie: `__Host-myna-flow=${encodeURIComponent(cookie)}` };
        const response = request(t, `${path}?${query}`, { headers });
        if (response !== undefined) await assertHandled(await response, `${path}?${query}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /v1/flows/:id/launch never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(flowIdLike, queryString, async (flowId, query) => {
        const response = request(t, `/v1/flows/${flowId}/launch?${query}`, {});
        if (response !== undefined) await assertHandled(await response, flowId);
      }),
      { numRuns: RUNS },
    );
  });

  it('any method, path and headers: never 5xx', async () => {
    const header = fc.record(
      {
        Origin: fc.oneof(fc.constant(HOST_ORIGIN), fc.webUrl(), fc.constant('null')),
        'Content-Type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'), fc.string({ maxLength: 30 })),
        'X-Myna-Fetch': fc.oneof(fc.constant('1'), fc.string({ maxLength: 5 })),
        'Access-Control-Request-Method': fc.constantFrom('POST', 'GET', 'DELETE'),
      },
      { requiredKeys: [] },
    );
    const path = fc.oneof(
      fc.constantFrom('/v1/flows', '/v1/flows/callback', `/v1/flows/x/result`, '/v1/catalog', '/'),
      fc.webPath(),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), path, header, body, async (method, target, headers, text) => {
        const init: RequestInit = { method, headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => /^[\t\x20-\x7e]*$/.test(value))) };
        if (method !== 'GET' && method !== 'HEAD') init.body = text;
        const response = request(t, target, init);
        if (response === undefined) return;
        const answered = await response;
        assert.ok(answered.status < 500, `${method} ${target} → ${answered.status}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the callback of a launched flow under malformed parameters (fast-check)', () => {
  let t: Stack;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const callbackParameters = fc.record(
    {
      code: anyText,
      iss: fc.oneof(fc.constant(FAKE_ISSUER), fc.webUrl(), anyText),
      error: fc.oneof(fc.constantFrom('access_denied', 'server_error', 'invalid_request'), anyText),
      error_description: fc.oneof(fc.constant('card_locked'), anyText),
      extraState: anyText,
    },
    { requiredKeys: [] },
  );

  it('settles every flow with a problem or a hand-off, never a 5xx', async () => {
    const portal = t.relay.portal as ReturnType<typeof acceptingPortal>;
    await fc.assert(
      fc.asyncProperty(callbackParameters, fc.boolean(), async (parameters, keepCookie) => {
        const started = await t.app.request('/v1/flows', {
          method: 'POST',
          headers: widgetHeaders(),
          body: JSON.stringify({ items: ['localTax'], query: { method: 'latest' }, mode: 'popup', returnUrl: RETURN_URL, secretHash: widgetSecret().secretHash }),
        });
        const { flowId } = (await started.json()) as { flowId: string };
        const launch = await t.app.request(`/v1/flows/${flowId}/launch`);
        const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const state = portal.pushedStates.at(-1) ?? '';
        const query = new URLSearchParams({ state });
        for (const [name, value] of Object.entries(parameters)) query.append(name === 'extraState' ? 'state' : name, value);
        const response = await t.app.request(`/v1/flows/callback?${query.toString()}`, { headers: keepCookie ? { Cookie: cookie } : {} });
        await assertHandled(response, query.toString());
        const flow = await t.relay.store.get(flowId);
        assert.ok(flow !== undefined && flow.status !== 'exchanging', `flow left in ${flow?.status ?? 'nowhere'}`);
      }),
      { numRuns: RUNS },
    );
  });
});
