import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailCatcher, type MailCatcher } from '../../../src/dev/mail-catcher/index.js';
import { CALLBACK_PATH } from '../../../src/server/index.js';
import { freshDatabase, queryRows, type TestDatabase } from '../../support/postgres.js';
import { consentAndAuthenticate, handOffMessage, openConsentScreen, pollResult, postResult, startFlow, ScriptedBrowser, type Origins } from '../../support/harness.js';
import { ALWAYS_OPEN, fallbackBody, temporaryDir, widgetHeaders } from '../../support/fixtures.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { startSandboxForRelay, type SandboxForRelay } from '../../support/stack.js';
import { sharedRelayKeys, startBalancer, type Balancer } from './instances.js';

const CLIENT_ID = 'myna-relay-multi';
const DAY = 24 * 60 * 60 * 1000;
/** A maintenance window on juki-net (needed by every item) two days ahead: registrations made inside it wait for its end. */
const WINDOW_FROM = Date.now() + 2 * DAY;
const WINDOW_TO = WINDOW_FROM + DAY;
const SCHEDULE = JSON.stringify({
  ...(JSON.parse(ALWAYS_OPEN) as object),
  maintenance: [{ server: 'juki-net', from: new Date(WINDOW_FROM).toISOString(), to: new Date(WINDOW_TO).toISOString(), reason: 'test window' }],
});

async function setClock(instance: RelayProcess, at: number): Promise<void> {
  const response = await fetch(`${instance.url}/v1/dev/clock`, {
    method: 'POST',
    headers: widgetHeaders(),
    body: JSON.stringify({ at: new Date(at).toISOString() }),
  });
  assert.equal(response.status, 200, await response.text());
}

function register(url: string, email: string, idempotencyKey: string): Promise<Response> {
  return fetch(`${url}/v1/fallback`, {
    method: 'POST',
    headers: { ...widgetHeaders(), 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(fallbackBody({ email, emailConfirmation: email })),
  });
}

describe('two relay processes on one Postgres database', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let dirs: Awaited<ReturnType<typeof temporaryDir>>[];
  let catcher: MailCatcher;
  let balancer: Balancer;
  let sandbox: SandboxForRelay;
  let a: RelayProcess;
  let b: RelayProcess;
  let origins: Origins;
  let started: RelayProcess[] = [];

  before(async () => {
    database = await freshDatabase();
    dirs = await Promise.all([temporaryDir('relay-multi-a-'), temporaryDir('relay-multi-b-'), temporaryDir('relay-multi-sandbox-')]);
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    balancer = await startBalancer();
    sandbox = await startSandboxForRelay({ relayOrigin: balancer.origin, dataDir: dirs[2]!.path, clientId: CLIENT_ID, slowDelayMs: 500 });
    origins = { relayOrigin: balancer.origin, sandboxOrigin: sandbox.sandboxOrigin };

    // What a deployment shares: the public URL, the keys, the database, the portal and SMTP settings.
    const shared = {
      ...(await sharedRelayKeys()),
      ...sandbox.relayEnv,
      RELAY_DATABASE_URL: database.url,
      RELAY_SCHEDULE_OVERRIDES: SCHEDULE,
      RELAY_DEV_ROUTES: '1',
      RELAY_FALLBACK_RATE_LIMIT: '1000/1',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.smtpPort),
    };
    const starts = await Promise.allSettled([
      startRelayProcess({ ...shared, RELAY_DATA_DIR: dirs[0]!.path }, 'A'),
      startRelayProcess({ ...shared, RELAY_DATA_DIR: dirs[1]!.path }, 'B'),
    ]);
    started = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    [a, b] = started as [RelayProcess, RelayProcess];
  });

  after(async () => {
    await Promise.all(started.map((instance) => instance.stop()));
    await balancer?.close();
    await sandbox?.close();
    await catcher?.close();
    await database?.drop();
    await Promise.all((dirs ?? []).map((dir) => dir.remove()));
  });

  it('completes a flow started on A through B: launch, callback and redemption', async () => {
    balancer.routeTo(a);
    const flow = await startFlow(origins);
    balancer.routeTo(b);
    const browser = new ScriptedBrowser();
    const screens = await openConsentScreen(browser, origins, flow);
    const callbackUrl = await consentAndAuthenticate(browser, origins, screens, { persona: 'yamada-taro', pin: '1234' });
    const message = await handOffMessage(await browser.request(callbackUrl));
    assert.equal(message.outcome, 'consented');
    const { status, body } = await pollResult(origins, flow);
    assert.equal(status, 200);
    assert.equal(body['status'], 'success', JSON.stringify(body));
    const records = (body['result'] as { records: { values: { key: string; value: unknown }[] }[] }).records;
    assert.equal(records[0]?.values.find((value) => value.key === 'localTax.salaryRevenue')?.value, 5_670_000);

    balancer.routeTo(a);
    const again = await postResult(origins, flow);
    assert.equal(again.status, 410, 'redeemed once across instances');
    assert.equal(((await again.json()) as { code: string }).code, 'already-redeemed');

    const steps = balancer.forwarded.filter((entry) => entry.path.startsWith('/v1/flows'));
    assert.equal(steps.find((entry) => entry.method === 'POST' && entry.path === '/v1/flows')?.instance, 'A', 'started on A');
    assert.equal(steps.find((entry) => entry.path.endsWith('/launch'))?.instance, 'B', 'launched on B');
    assert.equal(steps.find((entry) => entry.path === CALLBACK_PATH)?.instance, 'B', 'called back on B');
    assert.equal(steps.find((entry) => entry.path.endsWith('/result'))?.instance, 'B', 'redeemed on B');
    const rows = await queryRows<{ status: string; sealed: string | null }>(database.url, 'SELECT status, sealed FROM flows WHERE id = $1', [
      flow.flowId,
    ]);
    assert.deepEqual(rows, [{ status: 'redeemed', sealed: null }]);
  });

  it('makes one registration of a request posted through A and then B with one idempotency key', async () => {
    const count = async () => (await queryRows<{ n: number }>(database.url, 'SELECT COUNT(*)::int AS n FROM registrations'))[0]?.n;
    const before = await count();
    const first = await register(a.url, 'twice@example.com', 'one-key');
    assert.equal(first.status, 202, await first.clone().text());
    const second = await register(b.url, 'twice@example.com', 'one-key');
    assert.equal(second.status, 202);
    const answer = (await first.json()) as { registrationId: string };
    assert.deepEqual(await second.json(), answer, 'B answers with A\'s registration');
    assert.equal(await count(), before! + 1);
    const other = await register(b.url, 'other@example.com', 'one-key');
    assert.equal(other.status, 422, 'the same key with another body is refused on the other instance too');
    assert.equal(await count(), before! + 1);

    // At the same moment through both: one runs it, the other waits (409) or replays; one row either way.
    const racing = await Promise.all([register(a.url, 'race@example.com', 'race-key'), register(b.url, 'race@example.com', 'race-key')]);
    assert.ok(racing.some((response) => response.status === 202), racing.map((response) => response.status).join());
    assert.ok(racing.every((response) => response.status === 202 || response.status === 409), racing.map((response) => response.status).join());
    await Promise.all(racing.map((response) => response.body?.cancel()));
    const settled = await Promise.all([register(a.url, 'race@example.com', 'race-key'), register(b.url, 'race@example.com', 'race-key')]);
    const answers = await Promise.all(settled.map(async (response) => ({ status: response.status, body: await response.json() })));
    assert.deepEqual(answers[0], answers[1]);
    assert.equal(answers[0]?.status, 202);
    assert.equal(await count(), before! + 2);
  });

  it('mails each due registration exactly once while both instances\' workers run', { timeout: 60_000 }, async (t) => {
    const TOTAL = 30;
    // Both clocks inside the window: the registrations are due at its end.
    await Promise.all([setClock(a, WINDOW_FROM + 60_000), setClock(b, WINDOW_FROM + 60_000)]);
    const ids = new Set<string>();
    for (let index = 0; index < TOTAL; index += 1) {
      const response = await register((index % 2 === 0 ? a : b).url, `multi${index}@example.com`, `multi-${index}`);
      assert.equal(response.status, 202, await response.clone().text());
      ids.add(((await response.json()) as { registrationId: string }).registrationId);
    }
    const ours = () => catcher.mails().filter((mail) => mail.envelopeTo.some((to) => to.startsWith('multi')));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(ours().length, 0, 'held until the window ends');

    // The window ends for both at once: both workers find all of them due.
    await Promise.all([setClock(a, WINDOW_TO + 60_000), setClock(b, WINDOW_TO + 60_000)]);
    const deadline = Date.now() + 30_000;
    while (ours().length < TOTAL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 3000)); // more rounds of both workers: a duplicate would show now

    const mails = ours();
    assert.equal(mails.length, TOTAL);
    const mailed = mails.map((mail) => /^<fallback\.([^@]+)@/.exec(mail.messageId)?.[1]);
    assert.deepEqual(new Set(mailed), ids, 'one mail per registration, by Message-ID');
    assert.equal(new Set(mails.map((mail) => mail.envelopeTo.join())).size, TOTAL, 'each address once');
    const rows = await queryRows<{ status: string; sealed_contact: string | null; n: number }>(
      database.url,
      'SELECT status, sealed_contact, COUNT(*)::int AS n FROM registrations WHERE id = ANY($1) GROUP BY status, sealed_contact',
      [[...ids]],
    );
    assert.deepEqual(rows, [{ status: 'sent', sealed_contact: null, n: TOTAL }]);
    const sentBy = (instance: RelayProcess) => instance.log.filter((line) => line['msg'] === 'fallback mail sent' && ids.has(String(line['registrationId']))).length;
    assert.equal(sentBy(a) + sentBy(b), TOTAL, 'the instances\' logs agree');
    t.diagnostic(`mails sent by A: ${sentBy(a)}, by B: ${sentBy(b)}`);
  });
});
