import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { catalogForApi } from '../../../src/domain/catalog/index.js';
import { catalogAnswer } from '../../../src/protocol/index.js';
import { FAKE_ISSUER, HOST_ORIGIN, postJson, startBody, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';

async function problemOf(response: Response): Promise<Record<string, unknown>> {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(body['status'], response.status);
  assert.equal(typeof body['type'], 'string');
  assert.equal(typeof body['title'], 'string');
  assert.equal(typeof body['detail'], 'string');
  assert.ok(!JSON.stringify(body).includes('    at '), 'no stack trace');
  return body;
}

describe('relay app: read-only routes', () => {
  let t: Stack;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('GET /healthz answers ok with the relay page headers', async () => {
    const response = await t.app.request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'; frame-ancestors 'none'/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('GET /v1/catalog serves the catalog in the shape of DESIGN.md', async () => {
    const response = await t.app.request('/v1/catalog');
    assert.equal(response.status, 200);
    const body: unknown = await response.json();
    assert.deepEqual(catalogAnswer.parse(body), catalogForApi());
    const salary = (body as { key: string }[]).find((entry) => entry.key === 'localTax.salaryRevenue');
    assert.deepEqual(salary, {
      key: 'localTax.salaryRevenue',
      kind: 'field',
      infoNumber: '2',
      labelJa: '給与収入額',
      labelEn: 'Salary revenue',
      server: ['jichitai'],
      parent: 'localTax.salaryIncomeInfo',
      value: { kind: 'amount' },
    });
  });

  it('GET /.well-known/jwks.json publishes only public keys: the portal-auth key and the result key', async () => {
    const response = await t.app.request('/.well-known/jwks.json');
    assert.equal(response.status, 200);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    assert.deepEqual(
      keys.map((key) => [key['kid'], key['kty'], key['alg'], key['use'], key['d']]),
      [
        [t.relay.keys.signing.kid, 'EC', 'ES256', 'sig', undefined],
        [t.relay.keys.results[0]!.kid, 'EC', 'ES256', 'sig', undefined],
      ],
    );
    assert.notEqual(t.relay.keys.signing.kid, t.relay.keys.results[0]!.kid);
  });

  it('GET /v1/disclosure describes service, purpose, retention and the items', async () => {
    const response = await t.app.request('/v1/disclosure?items=localTax.salaryRevenue,1', { headers: { Origin: HOST_ORIGIN } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body['service'], '〇〇銀行（デモ）');
    assert.equal(body['purpose'], '住宅ローンの事前審査（デモ）');
    assert.equal(body['purposeEn'], 'Mortgage pre-screening (demo)');
    assert.equal(body['retentionDays'], 30);
    assert.match(String(body['retainUntil']), /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(body['items'], [
      { key: 'localTax.salaryRevenue', labelJa: '給与収入額', labelEn: 'Salary revenue' },
      { key: 'household', labelJa: '世帯', labelEn: 'Household' },
    ]);
    for (const [query, code] of [
      ['items=localTax.nope', 'unknown-item'],
      ['items=pension', 'item-not-allowed'],
      ['', 'invalid-input'],
    ] as const) {
      const refused = await t.app.request(`/v1/disclosure?${query}`);
      assert.equal(refused.status, 400, query);
      const problem = await problemOf(refused);
      assert.equal(problem['code'], code);
      assert.equal(problem['field'], 'items');
    }
  });

  it('unknown routes are 404 problems', async () => {
    const response = await t.app.request('/v1/nope');
    assert.equal(response.status, 404);
    assert.equal((await problemOf(response))['code'], 'not-found');
  });
});

describe('relay app: CORS', () => {
  let t: Stack;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('echoes an allowlisted origin exactly, with Vary: Origin and no credentials', async () => {
    const response = await t.app.request('/v1/catalog', { headers: { Origin: HOST_ORIGIN } });
    assert.equal(response.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  it('gives no CORS grant to other origins, including near misses', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:5174', 'http://localhost:5173.evil.example', 'null']) {
      const response = await t.app.request('/v1/catalog', { headers: { Origin: origin } });
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.match(response.headers.get('vary') ?? '', /Origin/);
    }
  });

  it('answers a preflight only for allowlisted origins', async () => {
    const preflight = (origin: string) =>
      t.app.request('/v1/flows', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-myna-fetch' },
      });
    const allowed = await preflight(HOST_ORIGIN);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /X-Myna-Fetch/);
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);

    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    assert.equal((await problemOf(refused))['code'], 'origin-not-allowed');
  });
});

describe('relay app: mutation guard', () => {
  let t: Stack;
  const { secretHash } = widgetSecret();
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const cases: [string, RequestInit, string][] = [
    ['text/plain', { method: 'POST', headers: { ...widgetHeaders(), 'Content-Type': 'text/plain' } }, 'content-type-not-allowed'],
    [
      'a form post',
      { method: 'POST', headers: { ...widgetHeaders(), 'Content-Type': 'application/x-www-form-urlencoded' } },
      'content-type-not-allowed',
    ],
    ['no X-Myna-Fetch header', { method: 'POST', headers: { Origin: HOST_ORIGIN, 'Content-Type': 'application/json' } }, 'fetch-header-missing'],
    ['X-Myna-Fetch other than 1', { method: 'POST', headers: { ...widgetHeaders(), 'X-Myna-Fetch': 'yes' } }, 'fetch-header-missing'],
    ['another origin', { method: 'POST', headers: widgetHeaders('https://evil.example') }, 'origin-not-allowed'],
    ['no Origin', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' } }, 'origin-not-allowed'],
    ['GET', { method: 'GET', headers: widgetHeaders() }, 'method-not-allowed'],
    ['PUT', { method: 'PUT', headers: widgetHeaders() }, 'method-not-allowed'],
  ];
  for (const [name, init, code] of cases) {
    it(`refuses ${name} with 403 ${code}`, async () => {
      for (const path of ['/v1/flows', '/v1/flows/AAAAAAAAAAAAAAAAAAAAAA/result', '/v1/flows/AAAAAAAAAAAAAAAAAAAAAA/cancel']) {
        const body = init.method === 'GET' ? undefined : JSON.stringify(startBody(secretHash));
        const response = await t.app.request(path, { ...init, body });
        assert.equal(response.status, 403, path);
        assert.equal((await problemOf(response))['code'], code, path);
      }
    });
  }

  it('accepts application/json with a utf-8 charset', async () => {
    const response = await t.app.request('/v1/flows', {
      method: 'POST',
      headers: { ...widgetHeaders(), 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(startBody(secretHash)),
    });
    assert.equal(response.status, 201);
  });
});

describe('relay app: POST /v1/flows validation', () => {
  let t: Stack;
  const { secretHash } = widgetSecret();
  before(async () => {
    t = await testApp({ RELAY_ALLOWED_ITEMS: 'household,localTax' });
  });
  after(() => t.close());

  const expectProblem = async (body: unknown, code: string, field: string | undefined, status = 400) => {
    const response = await postJson(t.app, '/v1/flows', body);
    assert.equal(response.status, status, JSON.stringify(body));
    const problem = await problemOf(response);
    assert.equal(problem['code'], code);
    assert.equal(problem['field'], field);
  };

  it('starts a flow and describes the consent', async () => {
    const response = await postJson(t.app, '/v1/flows', startBody(secretHash));
    assert.equal(response.status, 201);
    const body = (await response.json()) as Record<string, unknown>;
    assert.match(String(body['flowId']), /^[A-Za-z0-9_-]{22}$/);
    assert.equal(body['launchUrl'], `${t.config.publicUrl}/v1/flows/${String(body['flowId'])}/launch`);
    assert.ok(Date.parse(String(body['expiresAt'])) > Date.now());
    const consent = body['consent'] as Record<string, string>;
    assert.equal(consent['service'], '〇〇銀行（デモ）');
    assert.equal(consent['purpose'], t.config.purpose);
    assert.match(consent['retainUntil'] ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('accepts info numbers and categories below an allowed key', async () => {
    const response = await postJson(t.app, '/v1/flows', startBody(secretHash, { items: ['2', 'household.householdNumber'] }));
    assert.equal(response.status, 201);
  });

  it('names the field of every bad input', async () => {
    await expectProblem(startBody(secretHash, { items: ['localTax.nope'] }), 'unknown-item', 'items');
    await expectProblem(startBody(secretHash, { items: ['pension'] }), 'item-not-allowed', 'items');
    await expectProblem(startBody(secretHash, { items: [] }), 'invalid-input', 'items');
    await expectProblem(startBody(secretHash, { items: 'localTax' }), 'invalid-input', 'items');
    await expectProblem(startBody(secretHash, { query: { method: 'at', at: '2024-02-30' } }), 'invalid-input', 'query.at');
    await expectProblem(startBody(secretHash, { query: { method: 'at', at: '2999-01-01' } }), 'invalid-query', 'query.at');
    await expectProblem(
      startBody(secretHash, { query: { method: 'range', from: '2025-01-01', to: '2024-01-01' } }),
      'invalid-query',
      'query.from',
    );
    await expectProblem(
      startBody(secretHash, { query: { method: 'range', from: '2025-01-01', to: '2999-01-01' } }),
      'invalid-query',
      'query.to',
    );
    await expectProblem(startBody(secretHash, { query: { method: 'soon' } }), 'invalid-input', 'query.method');
    await expectProblem(startBody(secretHash, { mode: 'iframe' }), 'invalid-input', 'mode');
    await expectProblem(startBody(secretHash, { returnUrl: 'https://evil.example/' }), 'invalid-return-url', 'returnUrl');
    await expectProblem(startBody(secretHash, { returnUrl: '/relative' }), 'invalid-return-url', 'returnUrl');
    await expectProblem(startBody(secretHash, { returnUrl: `${HOST_ORIGIN}/#x` }), 'invalid-return-url', 'returnUrl');
    await expectProblem(startBody('short'), 'invalid-input', 'secretHash');
    await expectProblem({ ...startBody(secretHash), extra: 1 }, 'invalid-input', 'extra');
    await expectProblem([], 'invalid-input', undefined);
  });

  it('answers malformed JSON and oversized bodies with problems', async () => {
    const malformed = await t.app.request('/v1/flows', { method: 'POST', headers: widgetHeaders(), body: '{"items":' });
    assert.equal(malformed.status, 400);
    assert.equal((await problemOf(malformed))['code'], 'invalid-json');
    const huge = await t.app.request('/v1/flows', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ pad: 'x'.repeat(20_000) }) });
    assert.equal(huge.status, 413);
    assert.equal((await problemOf(huge))['code'], 'body-too-large');
  });
});

describe('relay app: flow handles', () => {
  let t: Stack;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function startFlow(): Promise<{ flowId: string; secret: string }> {
    const { secret, secretHash } = widgetSecret();
    const response = await postJson(t.app, '/v1/flows', startBody(secretHash));
    const { flowId } = (await response.json()) as { flowId: string };
    return { flowId, secret };
  }

  it('launches once, binding the browser with a __Host- cookie', async () => {
    const { flowId } = await startFlow();
    const launch = await t.app.request(`/v1/flows/${flowId}/launch`);
    assert.equal(launch.status, 303);
    assert.equal(launch.headers.get('location'), `${FAKE_ISSUER}/authorize?request_uri=urn%3Atest`);
    const cookie = launch.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^__Host-myna-flow=[A-Za-z0-9_-]{43};/);
    for (const attribute of [/; Path=\//, /; Secure/, /; HttpOnly/, /; SameSite=Lax/, /; Max-Age=\d+/]) assert.match(cookie, attribute);
    assert.doesNotMatch(cookie, /Domain=/i);

    const again = await t.app.request(`/v1/flows/${flowId}/launch`);
    assert.equal(again.status, 409);
    assert.equal((await problemOf(again))['code'], 'already-launched');
  });

  it('reports awaiting-consent to the widget holding the secret, 403 bad-secret to anyone else', async () => {
    const { flowId, secret } = await startFlow();
    const answer = await postJson(t.app, `/v1/flows/${flowId}/result`, { secret });
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { status: 'awaiting-consent' });
    const wrong = await postJson(t.app, `/v1/flows/${flowId}/result`, { secret: widgetSecret().secret });
    assert.equal(wrong.status, 403);
    assert.equal((await problemOf(wrong))['code'], 'bad-secret');
  });

  it('answers unknown flows with 404 unknown-flow', async () => {
    const { secret } = widgetSecret();
    for (const flowId of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-flow-id']) {
      const result = await postJson(t.app, `/v1/flows/${flowId}/result`, { secret });
      assert.equal(result.status, 404);
      assert.equal((await problemOf(result))['code'], 'unknown-flow');
      const launch = await t.app.request(`/v1/flows/${flowId}/launch`);
      assert.equal(launch.status, 404);
    }
  });

  it('cancels: secrets purged, the outcome stays cancelled (step widget)', async () => {
    const { flowId, secret } = await startFlow();
    const cancel = await postJson(t.app, `/v1/flows/${flowId}/cancel`, { secret });
    assert.equal(cancel.status, 200);
    assert.deepEqual(await cancel.json(), { status: 'cancelled', step: 'widget' });
    const stored = await t.relay.store.get(flowId);
    assert.equal(stored?.sealed, null);
    const result = await postJson(t.app, `/v1/flows/${flowId}/result`, { secret });
    assert.deepEqual(await result.json(), { status: 'cancelled', step: 'widget' });
    const launch = await t.app.request(`/v1/flows/${flowId}/launch`);
    assert.equal(launch.status, 409);
  });

  it('expires flows after the TTL: 410 flow-expired, secrets gone', async () => {
    const { flowId, secret } = await startFlow();
    t.advanceRelayClock((t.config.flowTtlSeconds + 1) * 1000);
    const result = await postJson(t.app, `/v1/flows/${flowId}/result`, { secret });
    assert.equal(result.status, 410);
    assert.equal((await problemOf(result))['code'], 'flow-expired');
    const launch = await t.app.request(`/v1/flows/${flowId}/launch`);
    assert.equal(launch.status, 410);
    assert.equal((await t.relay.store.get(flowId))?.sealed, null);
    // After the tombstone period the flow is forgotten altogether.
    t.advanceRelayClock(2 * 60 * 60 * 1000);
    const later = await postJson(t.app, `/v1/flows/${flowId}/result`, { secret });
    assert.equal(later.status, 404);
  });

  it('refuses a callback without a state, or with an unknown one', async () => {
    const missing = await t.app.request('/v1/flows/callback?code=abc');
    assert.equal(missing.status, 400);
    assert.equal((await problemOf(missing))['code'], 'invalid-callback');
    const unknown = await t.app.request('/v1/flows/callback?code=abc&state=nope');
    assert.equal(unknown.status, 400);
    assert.equal((await problemOf(unknown))['code'], 'unknown-state');
  });

  it('serves the hand-off script as a same-origin static file', async () => {
    const response = await t.app.request('/v1/handoff.js');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(await response.text(), /postMessage\(message, targetOrigin\)/);
  });
});
