import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SQLITE_FILE, type RegistrationStore } from '../../../src/server/index.js';
import { fallbackBody, HOST_ORIGIN, RETURN_URL, postJson, startBody, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';

const OTHER_ORIGIN = 'http://127.0.0.1:5173';
const OTHER_RETURN_URL = `${OTHER_ORIGIN}/demo/loan.html`;

function register(t: Stack, body: unknown, key?: string, origin = HOST_ORIGIN): Promise<Response> {
  return postJson(t.app, '/v1/fallback', body, { ...widgetHeaders(origin), ...(key === undefined ? {} : { 'Idempotency-Key': key }) });
}

async function problemOf(response: Response): Promise<{ code: string; field?: string; status: number }> {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  return (await response.json()) as { code: string; field?: string; status: number };
}

/** Rows in the registrations table, read from the file as another process would. */
function countRows(t: Stack, where = '1 = 1', ...parameters: string[]): number {
  const db = new Database(join(t.config.dataDir, SQLITE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM registrations WHERE ${where}`).get(...parameters) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The store, with every insert held until `open()` is called. */
function gatedRegistrations(inner: RegistrationStore): RegistrationStore & { open(): void; entered: Promise<void> } {
  let open!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
  return Object.assign(Object.create(inner) as RegistrationStore, {
    async insertRegistration(...args: Parameters<RegistrationStore['insertRegistration']>) {
      entered();
      await gate;
      return inner.insertRegistration(...args);
    },
    open,
    entered: enteredPromise,
  });
}

describe('POST /v1/fallback: validation', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ RELAY_FALLBACK_RATE_LIMIT: '1000/1' });
  });
  after(() => t.close());

  const cases: [string, Record<string, unknown>, string, string | undefined][] = [
    ['missing email', { email: undefined }, 'email-invalid', 'email'],
    ['empty email', { email: '  ' }, 'email-invalid', 'email'],
    ['not an address', { email: 'hanako', emailConfirmation: 'hanako' }, 'email-invalid', 'email'],
    ['two @', { email: 'a@b@example.com', emailConfirmation: 'a@b@example.com' }, 'email-invalid', 'email'],
    ['a number', { email: 42 }, 'email-invalid', 'email'],
    ['255 characters', { email: `${'a'.repeat(64)}@${'b'.repeat(190)}.example`, emailConfirmation: 'x' }, 'email-too-long', 'email'],
    ['confirmation differs', { emailConfirmation: 'hanako@example.org' }, 'email-mismatch', 'emailConfirmation'],
    ['confirmation missing', { emailConfirmation: undefined }, 'email-mismatch', 'emailConfirmation'],
    ['unknown item', { items: ['localTax.nope'] }, 'unknown-item', 'items'],
    ['item not allowed', { items: ['pension'] }, 'item-not-allowed', 'items'],
    ['no items', { items: [] }, 'invalid-input', 'items'],
    ['bad query', { query: { method: 'soon' } }, 'invalid-input', 'query.method'],
    ['future date', { query: { method: 'at', at: '2999-01-01' } }, 'invalid-query', 'query.at'],
    ['other origin', { returnUrl: 'https://evil.example/form' }, 'invalid-return-url', 'returnUrl'],
    ['fragment', { returnUrl: `${RETURN_URL}#x` }, 'invalid-return-url', 'returnUrl'],
    ['bad reason', { reason: 'bored' }, 'invalid-input', 'reason'],
    ['bad lang', { lang: 'fr' }, 'invalid-input', 'lang'],
    ['unknown key', { extra: 1 }, 'invalid-input', 'extra'],
    ['flowId without secret', { flowId: 'A'.repeat(22) }, 'invalid-input', 'secret'],
    ['secret without flowId', { secret: 'S'.repeat(43) }, 'invalid-input', 'flowId'],
  ];
  for (const [name, overrides, code, field] of cases) {
    it(`${name} → 400 ${code}${field === undefined ? '' : ` (${field})`}`, async () => {
      const response = await register(t, fallbackBody(overrides));
      assert.equal(response.status, 400);
      const problem = await problemOf(response);
      assert.equal(problem.code, code);
      assert.equal(problem.field, field);
    });
  }

  it('accepts a 254-character address and trims what surrounds it', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.jp`;
    assert.equal(email.length, 254);
    const response = await register(t, fallbackBody({ email: ` ${email} `, emailConfirmation: email }));
    assert.equal(response.status, 202, await response.clone().text());
  });

  it('refuses a body that is not an object, or not JSON', async () => {
    assert.equal((await problemOf(await register(t, ['x']))).code, 'invalid-input');
    const text = await t.app.request('/v1/fallback', { method: 'POST', headers: widgetHeaders(), body: '{nope' });
    assert.equal((await problemOf(text)).code, 'invalid-json');
  });

  it('is guarded like the other mutating routes', async () => {
    const body = JSON.stringify(fallbackBody());
    const without = (header: string) =>
      t.app.request('/v1/fallback', {
        method: 'POST',
        headers: Object.fromEntries(Object.entries(widgetHeaders()).filter(([name]) => name !== header)),
        body,
      });
    assert.equal((await problemOf(await without('Origin'))).code, 'origin-not-allowed');
    assert.equal((await problemOf(await without('X-Myna-Fetch'))).code, 'fetch-header-missing');
    const plain = await t.app.request('/v1/fallback', { method: 'POST', headers: { ...widgetHeaders(), 'Content-Type': 'text/plain' }, body });
    assert.equal((await problemOf(plain)).code, 'content-type-not-allowed');
    assert.equal((await problemOf(await register(t, fallbackBody(), undefined, 'https://evil.example'))).code, 'origin-not-allowed');
    assert.equal((await problemOf(await t.app.request('/v1/fallback'))).code, 'method-not-allowed');
    const preflight = await t.app.request('/v1/fallback', {
      method: 'OPTIONS',
      headers: { Origin: HOST_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-myna-fetch,idempotency-key' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    for (const key of ['x'.repeat(256), 'tab\tinside', 'ü']) {
      const response = await postJson(t.app, '/v1/fallback', fallbackBody(), { ...widgetHeaders(), 'Idempotency-Key': key });
      assert.equal((await problemOf(response)).code, 'invalid-idempotency-key');
    }
  });

  it('links a pending retrieval only with its secret', async () => {
    const { secret, secretHash } = widgetSecret();
    const started = await postJson(t.app, '/v1/flows', startBody(secretHash));
    const { flowId } = (await started.json()) as { flowId: string };
    const wrong = await register(t, fallbackBody({ reason: 'timeout', flowId, secret: 'w'.repeat(43) }));
    assert.equal(wrong.status, 403);
    assert.deepEqual([(await problemOf(wrong)).code], ['bad-secret']);
    const unknown = await register(t, fallbackBody({ reason: 'timeout', flowId: 'B'.repeat(22), secret }));
    assert.equal((await problemOf(unknown)).code, 'unknown-flow');
    const linked = await register(t, fallbackBody({ reason: 'timeout', flowId, secret }));
    assert.equal(linked.status, 202);
    const { registrationId } = (await linked.json()) as { registrationId: string };
    assert.equal((await t.relay.registrations.getRegistration(registrationId))?.flowId, flowId);
  });
});

describe('POST /v1/fallback: durability of the answer', () => {
  it('answers 202 only after the row is committed, with the address sealed', async () => {
    const gated = { store: undefined as unknown as ReturnType<typeof gatedRegistrations> };
    const t = await testApp({ RELAY_FALLBACK_RATE_LIMIT: '1000/1' });
    try {
      gated.store = gatedRegistrations(t.relay.registrations);
      const app = await t.withRegistrations(gated.store);
      let settled = false;
      const pending = Promise.resolve(app.request('/v1/fallback', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(fallbackBody()) })).then(
        (response) => {
          settled = true;
          return response;
        },
      );
      await gated.store.entered;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(settled, false, 'no answer while the commit is held');
      assert.equal(countRows(t), 0);
      gated.store.open();
      const response = await pending;
      assert.equal(response.status, 202);
      const { registrationId } = (await response.json()) as { registrationId: string };
      assert.match(registrationId, /^[A-Za-z0-9_-]{22}$/);
      assert.equal(countRows(t, 'id = ?', registrationId), 1, 'the acknowledged row is on disk');
      const record = await t.relay.registrations.getRegistration(registrationId);
      assert.equal(record?.status, 'waiting');
      assert.ok(record?.sealedContact?.split('.').length === 5, 'the address is a JWE');
      assert.ok(!JSON.stringify(record).includes('hanako@example.com'));
      assert.ok(!JSON.stringify(record).includes(RETURN_URL), 'the return URL is sealed as well');
    } finally {
      await t.close();
    }
  });

  it('answers 500, not 202, when the commit fails', async () => {
    const t = await testApp();
    try {
      const failing = Object.assign(Object.create(t.relay.registrations) as RegistrationStore, {
        insertRegistration: () => Promise.reject(new Error('disk full')),
      });
      const app = await t.withRegistrations(failing);
      const response = await app.request('/v1/fallback', { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(fallbackBody()) });
      assert.equal(response.status, 500);
      assert.ok(!(await response.text()).includes('disk full'));
      assert.equal(countRows(t), 0);
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/fallback: Idempotency-Key', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ RELAY_FALLBACK_RATE_LIMIT: '1000/1' });
  });
  after(() => t.close());

  it('same key and body → the stored answer, one row', async () => {
    const first = await register(t, fallbackBody(), 'key-same');
    const second = await register(t, fallbackBody(), 'key-same');
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    const { registrationId } = (await first.json()) as { registrationId: string };
    assert.deepEqual(await second.json(), { registrationId });
    assert.equal(countRows(t, 'id = ?', registrationId), 1);
    const before = countRows(t);
    await register(t, fallbackBody(), 'key-same');
    assert.equal(countRows(t), before, 'a replay adds nothing');
  });

  it('same key, other body → 422 idempotency-key-reused', async () => {
    assert.equal((await register(t, fallbackBody(), 'key-other')).status, 202);
    const other = await register(t, fallbackBody({ email: 'taro@example.com', emailConfirmation: 'taro@example.com' }), 'key-other');
    assert.equal(other.status, 422);
    assert.equal((await problemOf(other)).code, 'idempotency-key-reused');
  });

  it('keys are per origin; no key → a new registration each time', async () => {
    const a = (await (await register(t, fallbackBody(), 'key-origin')).json()) as { registrationId: string };
    const other = await register(t, fallbackBody({ returnUrl: OTHER_RETURN_URL }), 'key-origin', OTHER_ORIGIN);
    assert.equal(other.status, 202);
    const b = (await other.json()) as { registrationId: string };
    assert.notEqual(a.registrationId, b.registrationId);
    const c = (await (await register(t, fallbackBody())).json()) as { registrationId: string };
    const d = (await (await register(t, fallbackBody())).json()) as { registrationId: string };
    assert.notEqual(c.registrationId, d.registrationId);
  });

  it('a refused request does not spend its key', async () => {
    const refused = await register(t, fallbackBody({ items: ['pension'] }), 'key-fix');
    assert.equal(refused.status, 400);
    const fixed = await register(t, fallbackBody(), 'key-fix');
    assert.equal(fixed.status, 202);
  });

  it('while the first request with a key still runs, a second gets 409 idempotency-in-progress', async () => {
    const gated = gatedRegistrations(t.relay.registrations);
    const app = await t.withRegistrations(gated);
    const send = () =>
      Promise.resolve(
        app.request('/v1/fallback', {
          method: 'POST',
          headers: { ...widgetHeaders(), 'Idempotency-Key': 'key-concurrent' },
          body: JSON.stringify(fallbackBody()),
        }),
      );
    const first = send();
    await gated.entered;
    const second = await send();
    assert.equal(second.status, 409);
    assert.equal((await problemOf(second)).code, 'idempotency-in-progress');
    assert.equal(second.headers.get('retry-after'), '1');
    gated.open();
    const answered = await first;
    assert.equal(answered.status, 202);
    const { registrationId } = (await answered.json()) as { registrationId: string };
    const third = await register(t, fallbackBody(), 'key-concurrent');
    assert.deepEqual(await third.json(), { registrationId });
  });
});

describe('POST /v1/fallback: rate limit', () => {
  it('429 with Retry-After once a client has used its burst; other origins are not affected', async () => {
    const t = await testApp({ RELAY_FALLBACK_RATE_LIMIT: '2/60' });
    try {
      assert.equal((await register(t, fallbackBody())).status, 202);
      assert.equal((await register(t, fallbackBody({ email: 'x' }))).status, 400, 'refused requests count too');
      const limited = await register(t, fallbackBody());
      assert.equal(limited.status, 429);
      assert.equal((await problemOf(limited)).code, 'rate-limited');
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
      assert.equal((await register(t, fallbackBody({ returnUrl: OTHER_RETURN_URL }), undefined, OTHER_ORIGIN)).status, 202);
    } finally {
      await t.close();
    }
  });
});
