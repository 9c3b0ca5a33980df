import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { silentLogger, SQLITE_FILE, type Logger, type MailWorker, type Relay } from '../../../src/server/index.js';
import { ALWAYS_OPEN, fallbackBody, HOST_ORIGIN, RETURN_URL, temporaryDir, widgetHeaders } from '../../support/fixtures.js';
import { startStack } from '../../support/stack.js';
import { resumeLinkOf, startTestSmtp, type TestSmtp } from './smtp.js';

const PUBLIC_URL = 'http://localhost:8787';
const THIRD_SATURDAY = '2026-11-21T12:00:00+09:00';
const WEDNESDAY = '2026-11-25T10:00:00+09:00';
const EMAIL = 'yamada.taro@example.com';
const DAY = 24 * 3600_000;

interface Stack {
  relay: MailingRelay;
  smtp: TestSmtp;
  dataDir: string;
  /** Sets the relay's clock through the development route. */
  setClock(at: string | number): Promise<void>;
  register(overrides?: Record<string, unknown>): Promise<string>;
  /** Follows a resume link at the relay under test (the link names RELAY_PUBLIC_URL). */
  follow(link: string): Promise<Response>;
  row(id: string): Record<string, unknown> | undefined;
  rawFiles(): Promise<Buffer>;
  close(): Promise<void>;
}

/** The relay listening, its mail worker running (`tick()` runs a round at once). */
type MailingRelay = Relay & { url: string; mailWorker: MailWorker };

async function startRelay(env: Record<string, string>, options: { mailIntervalMs?: number; log?: Logger } = {}): Promise<MailingRelay> {
  const stack = await startStack({ env, log: options.log ?? silentLogger, mailWorker: { intervalMs: options.mailIntervalMs ?? 60_000 } });
  return { ...stack.relay, url: stack.relayOrigin, mailWorker: stack.mailWorker!, close: stack.close };
}

async function startMailStack(env: Record<string, string> = {}, options: { mailIntervalMs?: number; log?: Logger } = {}): Promise<Stack> {
  const smtp = await startTestSmtp();
  const dir = await temporaryDir('relay-mail-');
  const relay = await startRelay(
    {
      RELAY_PUBLIC_URL: PUBLIC_URL,
      RELAY_DATA_DIR: dir.path,
      RELAY_DEV_ROUTES: '1',
      RELAY_FALLBACK_RATE_LIMIT: '1000/1',
      RELAY_SERVICE_NAME: '〇〇銀行',
      SMTP_PORT: String(smtp.port),
      RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN,
      ...env,
    },
    options,
  );
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${relay.url}${path}`, { method: 'POST', headers: { ...widgetHeaders(), ...headers }, body: JSON.stringify(body) });
  return {
    relay,
    smtp,
    dataDir: dir.path,
    async setClock(at) {
      const response = await post('/v1/dev/clock', { at: typeof at === 'number' ? new Date(at).toISOString() : at });
      assert.equal(response.status, 200, await response.text());
    },
    async register(overrides = {}) {
      const response = await post('/v1/fallback', fallbackBody({ email: EMAIL, emailConfirmation: EMAIL, ...overrides }));
      assert.equal(response.status, 202, await response.clone().text());
      return ((await response.json()) as { registrationId: string }).registrationId;
    },
    follow(link) {
      assert.ok(link.startsWith(`${PUBLIC_URL}/v1/resume/`), link);
      return fetch(`${relay.url}${new URL(link).pathname}`, { redirect: 'manual' });
    },
    row(id) {
      const db = new Database(join(dir.path, SQLITE_FILE), { readonly: true });
      try {
        return db.prepare('SELECT * FROM registrations WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      } finally {
        db.close();
      }
    },
    async rawFiles() {
      const files = [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-journal`].map((name) => join(dir.path, name)).filter((file) => existsSync(file));
      return Buffer.concat(await Promise.all(files.map((file) => readFile(file))));
    },
    async close() {
      await relay.close();
      await smtp.close();
      await dir.remove();
    },
  };
}

function assertRelayPage(response: Response): void {
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
}

describe('fallback mail: sent when the items become available', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startMailStack({ RELAY_SCHEDULE_OVERRIDES: '', RELAY_CLOCK: THIRD_SATURDAY }, { mailIntervalMs: 50 });
  });
  afterEach(() => stack.close());

  it('waits for nextAvailableAt, then mails a signed single-use link that returns to the form', async () => {
    const availability = (await (await fetch(`${stack.relay.url}/v1/availability?items=localTax.salaryRevenue`)).json()) as {
      available: boolean;
      nextAvailableAt: string;
    };
    assert.equal(availability.available, false);
    const id = await stack.register();
    assert.equal(stack.row(id)?.['send_at'], Date.parse(availability.nextAvailableAt));

    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(stack.smtp.mails.length, 0, 'nothing before the servers are up');
    await stack.setClock(Date.parse(availability.nextAvailableAt) - 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(stack.smtp.mails.length, 0, 'nothing a few seconds early either');

    await stack.setClock(availability.nextAvailableAt);
    const [mail] = await stack.smtp.waitForMails(1);
    assert.ok(mail !== undefined);
    assert.deepEqual(mail.envelopeTo, [EMAIL]);
    assert.equal(mail.to, EMAIL);
    assert.match(mail.from, /〇〇銀行 <no-reply@localhost>/);
    assert.equal(mail.subject, '【〇〇銀行】マイナポータルから情報を取得できるようになりました');
    assert.match(mail.text ?? '', /給与収入額/);
    assert.match(mail.messageId, new RegExp(`fallback\\.${id}@localhost`));
    const link = resumeLinkOf(mail);
    assert.ok(mail.html?.includes(`href="${link}"`), 'the HTML part carries the same link');
    assert.ok(!(mail.html ?? '').includes('<script'), 'no script in the mail');

    // The SMTP server has the mail a moment before the relay records it as sent.
    for (let waited = 0; stack.row(id)?.['status'] !== 'sent' && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const row = stack.row(id);
    assert.equal(row?.['status'], 'sent');
    assert.equal(row?.['sealed_contact'], null, 'the address is dropped once the mail left');

    const first = await stack.follow(link);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), `${RETURN_URL}#myna-resume=1`);
    assertRelayPage(first);
    assert.equal(stack.row(id)?.['status'], 'used');
    assert.equal(stack.row(id)?.['sealed_return'], null);

    const second = await stack.follow(link);
    assert.equal(second.status, 410);
    assert.match(second.headers.get('content-type') ?? '', /text\/html/);
    assertRelayPage(second);
    const page = await second.text();
    assert.match(page, /このリンクはすでに使われています/);
    assert.match(page, /This link was already used/);
    assert.ok(!page.includes('<script'));

    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(stack.smtp.mails.length, 1, 'mailed once');
  });
});

describe('fallback mail: links, retries and purges', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startMailStack({ RELAY_CLOCK: WEDNESDAY, RELAY_RESUME_TTL_DAYS: '7' });
  });
  afterEach(() => stack.close());

  it('an English registration gets an English mail; a HEAD does not spend the link', async () => {
    const id = await stack.register({ lang: 'en' });
    await stack.relay.mailWorker.tick();
    const [mail] = stack.smtp.mails;
    assert.equal(mail?.subject, '[〇〇銀行] Your information can now be fetched from Mynaportal');
    assert.match(mail?.text ?? '', /Salary revenue/);
    const link = resumeLinkOf(mail!);
    const head = await fetch(`${stack.relay.url}${new URL(link).pathname}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(stack.row(id)?.['status'], 'sent');
    assert.equal((await stack.follow(link)).status, 303);
  });

  it('refuses an expired link (410), and a forged or damaged one (404)', async () => {
    const id = await stack.register();
    await stack.relay.mailWorker.tick();
    const link = resumeLinkOf(stack.smtp.mails[0]!);
    await stack.setClock(Date.parse(WEDNESDAY) + 7 * DAY + 60_000);
    const expired = await stack.follow(link);
    assert.equal(expired.status, 410);
    assertRelayPage(expired);
    assert.match(await expired.text(), /有効期限が切れています/);

    const [header, payload, signature] = new URL(link).pathname.split('/').at(-1)!.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: 4_000_000_000 })).toString('base64url');
    const forged = await stack.follow(`${PUBLIC_URL}/v1/resume/${header}.${forgedPayload}.${signature}`);
    assert.equal(forged.status, 404);
    assert.equal((await stack.follow(`${PUBLIC_URL}/v1/resume/not-a-token`)).status, 404);
    assert.notEqual(stack.row(id)?.['status'], 'used');
  });

  it('SMTP down, then up: retried with backoff and delivered exactly once', async () => {
    stack.smtp.setDown(true);
    const id = await stack.register();
    await stack.relay.mailWorker.tick();
    assert.equal(stack.smtp.mails.length, 0);
    const afterFailure = stack.row(id);
    assert.equal(afterFailure?.['status'], 'waiting');
    assert.equal(afterFailure?.['attempts'], 1);
    assert.ok(Number(afterFailure?.['send_at']) > Date.parse(WEDNESDAY), 'rescheduled later');

    stack.smtp.setDown(false);
    await stack.relay.mailWorker.tick();
    assert.equal(stack.smtp.mails.length, 0, 'not before the backoff');
    await stack.setClock(Number(afterFailure?.['send_at']));
    await stack.relay.mailWorker.tick();
    assert.equal(stack.smtp.mails.length, 1);
    assert.equal(stack.row(id)?.['status'], 'sent');
    assert.equal(stack.row(id)?.['attempts'], 2);

    await stack.setClock(Date.parse(WEDNESDAY) + DAY);
    await Promise.all([stack.relay.mailWorker.tick(), stack.relay.mailWorker.tick()]);
    await stack.relay.mailWorker.tick();
    assert.equal(stack.smtp.mails.length, 1, 'never a second copy');
  });

  it('a temporary refusal (451) is retried; a permanent one (550 to RCPT TO) drops the registration', async () => {
    stack.smtp.setRcptReply(451);
    const retried = await stack.register();
    await stack.relay.mailWorker.tick();
    assert.equal(stack.row(retried)?.['status'], 'waiting');
    stack.smtp.setRcptReply(null);
    await stack.setClock(Number(stack.row(retried)?.['send_at']));
    await stack.relay.mailWorker.tick();
    assert.equal(stack.smtp.mails.length, 1);

    stack.smtp.setRcptReply(550);
    const dropped = await stack.register();
    await stack.relay.mailWorker.tick();
    assert.equal(stack.row(dropped), undefined, 'undeliverable: nothing kept');
    assert.equal(stack.smtp.mails.length, 1);
  });

  it('two relays on one database mail each registration once', async () => {
    const second = await startRelay(
      {
        RELAY_PUBLIC_URL: PUBLIC_URL,
        RELAY_DATA_DIR: stack.dataDir,
        SMTP_PORT: String(stack.smtp.port),
        RELAY_CLOCK: WEDNESDAY,
        RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN,
      },
      { log: silentLogger, mailIntervalMs: 60_000 },
    );
    try {
      const ids = await Promise.all(Array.from({ length: 12 }, (_, index) => stack.register({ email: `user${index}@example.com`, emailConfirmation: `user${index}@example.com` })));
      await Promise.all([stack.relay.mailWorker.tick(), second.mailWorker.tick(), stack.relay.mailWorker.tick(), second.mailWorker.tick()]);
      await Promise.all([stack.relay.mailWorker.tick(), second.mailWorker.tick()]);
      assert.equal(stack.smtp.mails.length, ids.length);
      assert.equal(new Set(stack.smtp.mails.map((mail) => mail.to)).size, ids.length, 'one mail per registration');
    } finally {
      await second.close();
    }
  });

  it('keeps no plaintext address in the database or its WAL, and purges the sealed one', async () => {
    const id = await stack.register();
    const sealed = String(stack.row(id)?.['sealed_contact']);
    const sealedReturn = String(stack.row(id)?.['sealed_return']);
    const ciphertext = (jwe: string) => jwe.split('.')[3]!;
    let raw = await stack.rawFiles();
    assert.ok(raw.includes(ciphertext(sealed)), 'precondition: the sealed address is on disk');
    assert.ok(!raw.includes(EMAIL), 'never in plaintext');
    assert.ok(!raw.includes(RETURN_URL), 'the return URL neither');

    await stack.relay.mailWorker.tick();
    const link = resumeLinkOf(stack.smtp.mails[0]!);
    raw = await stack.rawFiles();
    assert.ok(!raw.includes(ciphertext(sealed)), 'the sealed address is gone from file and WAL once the mail left');

    assert.equal((await stack.follow(link)).status, 303);
    raw = await stack.rawFiles();
    assert.ok(!raw.includes(ciphertext(sealedReturn)), 'the sealed return URL is gone once the link was used');

    // The tombstone goes when the link would have expired.
    await stack.setClock(Date.parse(WEDNESDAY) + 8 * DAY);
    await stack.relay.mailWorker.tick();
    assert.equal(stack.row(id), undefined);
    raw = await stack.rawFiles();
    assert.ok(!raw.includes(id), 'no trace of the row');
    assert.ok(!raw.includes(EMAIL));
  });

  it('deletes a registration when the consented retention ends, mailed or not', async () => {
    await stack.close();
    stack = await startMailStack({
      RELAY_CLOCK: WEDNESDAY,
      RELAY_RETENTION_DAYS: '1',
      // The items never become available: the mail can never go out.
      RELAY_SCHEDULE_OVERRIDES: JSON.stringify({ servers: { jichitai: { hours: [] } } }),
    });
    const id = await stack.register();
    const sealed = String(stack.row(id)?.['sealed_contact']).split('.')[3]!;
    await stack.relay.mailWorker.tick();
    assert.equal(stack.row(id)?.['status'], 'waiting');
    await stack.setClock(Date.parse(WEDNESDAY) + DAY + 1000);
    await stack.relay.mailWorker.tick();
    assert.equal(stack.row(id), undefined);
    assert.equal(stack.smtp.mails.length, 0);
    const raw = await stack.rawFiles();
    assert.ok(!raw.includes(sealed) && !raw.includes(EMAIL), 'secure_delete + WAL truncate leave no copy');
  });

  it('no mail when the linked retrieval succeeded after all', async () => {
    // A registration linked to a flow that the widget redeemed meanwhile.
    const store = stack.relay.store;
    const flowId = 'F'.repeat(22);
    const { secret, secretHash } = await import('../../support/fixtures.js').then(({ widgetSecret }) => widgetSecret());
    await store.insert({
      id: flowId,
      stateHash: 'state',
      secretHash,
      bindingHash: null,
      status: 'pending',
      mode: 'popup',
      purpose: { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査', en: 'Mortgage pre-screening', retentionDays: 30 },
      sessionId: null,
      returnUrl: RETURN_URL,
      items: ['localTax.salaryRevenue'],
      query: { method: 'latest' },
      retainUntil: '2026-12-25',
      outcome: null,
      sealed: null,
      createdAt: Date.parse(WEDNESDAY),
      expiresAt: Date.parse(WEDNESDAY) + 600_000,
      consentedAt: Date.parse(WEDNESDAY),
      nextPollAt: null,
      pollLockUntil: null,
    });
    const id = await stack.register({ reason: 'timeout', flowId, secret });
    await stack.relay.mailWorker.tick();
    assert.equal(stack.smtp.mails.length, 0, 'waits while the retrieval is pending');
    assert.equal(stack.row(id)?.['status'], 'waiting');
    await store.transition(flowId, ['pending'], { status: 'redeemed' });
    await stack.setClock(Date.parse(WEDNESDAY) + 60_000);
    await stack.relay.mailWorker.tick();
    assert.equal(stack.row(id), undefined, 'superseded');
    assert.equal(stack.smtp.mails.length, 0);
  });
});

describe('fallback logs', () => {
  it('carry ids and codes, never the address, the return URL or the link', async () => {
    const lines: string[] = [];
    const stack = await startMailStack({ RELAY_CLOCK: WEDNESDAY }, { log: (level, message, fields) => lines.push(JSON.stringify({ level, message, ...fields })) });
    try {
      stack.smtp.setDown(true);
      const id = await stack.register();
      await stack.relay.mailWorker.tick();
      stack.smtp.setDown(false);
      await stack.setClock(Date.parse(WEDNESDAY) + 3600_000);
      await stack.relay.mailWorker.tick();
      const link = resumeLinkOf(stack.smtp.mails[0]!);
      await stack.follow(link);
      await stack.follow(link);
      const log = lines.join('\n');
      assert.match(log, new RegExp(`"fallback registered".*"registrationId":"${id}"`));
      assert.match(log, /"fallback mail failed, will retry"/);
      assert.match(log, /"fallback mail sent"/);
      assert.match(log, /"route":"\/v1\/resume\/:token"/);
      for (const secret of [EMAIL, 'example.com', RETURN_URL, new URL(link).pathname.split('/').at(-1)!]) {
        assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
      }
    } finally {
      await stack.close();
    }
  });
});

describe('the resume page for a purged registration', () => {
  it('answers 410 when the registration no longer exists', async () => {
    const stack = await startMailStack({ RELAY_CLOCK: WEDNESDAY });
    try {
      const id = await stack.register();
      await stack.relay.mailWorker.tick();
      const link = resumeLinkOf(stack.smtp.mails[0]!);
      await stack.relay.registrations.deleteRegistration(id);
      const gone = await stack.follow(link);
      assert.equal(gone.status, 410);
      assert.match(await gone.text(), /no longer valid/);
    } finally {
      await stack.close();
    }
  });

  it('the origin of the form is the one it was registered from', () => {
    assert.equal(new URL(RETURN_URL).origin, HOST_ORIGIN);
  });
});
