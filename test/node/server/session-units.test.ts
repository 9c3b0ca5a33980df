import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiKeyHash, ConfigError, DEV_API_KEY, generateApiKey, loadConfig } from '../../../src/server/index.js';
import { clientAuthenticator } from '../../../src/server/sessions/api-keys.js';
import { pairwiseSubject, subjectMatches } from '../../../src/server/sessions/subject.js';
import { ProblemError } from '../../../src/server/problem.js';

const HOLDER = { name: '山田　太郎', nameKana: 'ヤマダ　タロウ', birthDate: '1985-04-12' };

function refusedWith(code: string, run: () => unknown): void {
  assert.throws(run, (error: unknown) => error instanceof ProblemError && error.code === code);
}

describe('identity binding: the provider’s subject against the card holder', () => {
  it('matches after NFKC, with spaces of any width ignored and hiragana read as katakana', () => {
    assert.ok(subjectMatches({ name: '山田太郎' }, HOLDER));
    assert.ok(subjectMatches({ name: ' 山田 太郎 ' }, HOLDER));
    assert.ok(subjectMatches({ nameKana: 'やまだ たろう' }, HOLDER));
    assert.ok(subjectMatches({ nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ' }, HOLDER), 'half-width katakana');
    assert.ok(subjectMatches({ name: '山田太郎', nameKana: 'ヤマダタロウ', birthDate: '1985-04-12' }, HOLDER));
  });

  it('a single differing attribute is a mismatch, and so is one the portal did not report', () => {
    assert.ok(!subjectMatches({ name: '山田太郎', birthDate: '1990-02-14' }, HOLDER));
    assert.ok(!subjectMatches({ name: '山田花子' }, HOLDER));
    assert.ok(!subjectMatches({ nameKana: 'ヤマダ' }, HOLDER));
    assert.ok(!subjectMatches({ birthDate: '1985-04-12' }, { name: HOLDER.name }));
    assert.ok(!subjectMatches({ name: '山田太郎' }, undefined));
  });

  it('pairwise subjects: stable per citizen and client, different across clients, not the portal’s id', () => {
    const secret = Buffer.alloc(32, 7);
    const bank = pairwiseSubject(secret, 'bank', 'portal-sub-1');
    assert.equal(pairwiseSubject(secret, 'bank', 'portal-sub-1'), bank);
    assert.notEqual(pairwiseSubject(secret, 'city', 'portal-sub-1'), bank);
    assert.notEqual(pairwiseSubject(secret, 'bank', 'portal-sub-2'), bank);
    assert.notEqual(pairwiseSubject(Buffer.alloc(32, 8), 'bank', 'portal-sub-1'), bank);
    assert.ok(!bank.includes('portal-sub'));
  });
});

describe('API keys', () => {
  const bank = generateApiKey('test');
  const city = generateApiKey('test');
  const clients = [
    { id: 'bank', keyHashes: [bank.hash], origins: ['https://bank.example'], purposes: ['p'] },
    { id: 'city', keyHashes: [city.hash, apiKeyHash(DEV_API_KEY)], origins: ['https://city.example'], purposes: ['p'] },
  ];

  it('finds the client of a key; refuses none, a wrong one and one of the other environment', () => {
    const authenticate = clientAuthenticator(clients, 'test');
    assert.equal(authenticate(`Bearer ${bank.key}`).id, 'bank');
    assert.equal(authenticate(`Bearer ${DEV_API_KEY}`).id, 'city');
    refusedWith('unauthorized', () => authenticate(undefined));
    refusedWith('unauthorized', () => authenticate(`Basic ${bank.key}`));
    refusedWith('unauthorized', () => authenticate(`Bearer ${bank.key.slice(0, -1)}x`));
    refusedWith('unauthorized', () => authenticate('Bearer not-a-key'));
    refusedWith('api-key-environment', () => authenticate(`Bearer ${generateApiKey('live').key}`));
    refusedWith('api-key-environment', () => clientAuthenticator(clients, 'live')(`Bearer ${bank.key}`));
  });

  it('compares fixed-length SHA-256 digests against every configured key, without stopping at a match', () => {
    const compared: [number, number][] = [];
    const authenticate = clientAuthenticator(clients, 'test', (a, b) => {
      compared.push([a.length, b.length]);
      return a.equals(b);
    });
    for (const key of [bank.key, 'myna_test_' + 'x'.repeat(100), 'short']) {
      compared.length = 0;
      try {
        authenticate(`Bearer ${key}`);
      } catch {
        // refused keys are compared all the same
      }
      assert.deepEqual(compared, [[32, 32], [32, 32], [32, 32]], `every key compared as 32-byte digests for ${key.slice(0, 12)}…`);
    }
  });

  it('a key shows its environment; hashes keep it and never the key', () => {
    assert.match(bank.key, /^myna_test_[A-Za-z0-9_-]{43}$/);
    assert.match(generateApiKey('live').key, /^myna_live_/);
    assert.match(bank.hash, /^test:[A-Za-z0-9_-]{43}$/);
    assert.ok(!bank.hash.includes(bank.key.slice(10)));
  });
});

describe('client, purpose and secret settings', () => {
  const refuses = (env: Record<string, string>, variable: string, pattern: RegExp) =>
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.variable === variable && pattern.test(error.message), JSON.stringify(env));

  it('development: one demo client with the printed key, every allowed origin and purpose', () => {
    const config = loadConfig({});
    assert.equal(config.environment, 'test');
    assert.deepEqual(config.purposes.map((purpose) => purpose.id), ['mortgage-prescreen', 'benefit-application']);
    assert.deepEqual(config.clients, [
      { id: 'demo', keyHashes: [apiKeyHash(DEV_API_KEY)], origins: config.allowedOrigins, purposes: ['mortgage-prescreen', 'benefit-application'] },
    ]);
  });

  it('refuses a client whose keys, origins or purposes the relay does not have', () => {
    const client = (overrides: Record<string, unknown>) =>
      JSON.stringify([{ id: 'bank', keyHashes: [generateApiKey('test').hash], origins: ['http://localhost:5173'], purposes: ['mortgage-prescreen'], ...overrides }]);
    refuses({ RELAY_CLIENTS: client({ keyHashes: [generateApiKey('live').hash] }) }, 'RELAY_CLIENTS', /a live key on a test relay/);
    refuses({ RELAY_CLIENTS: client({ origins: ['https://evil.example'] }) }, 'RELAY_CLIENTS', /not in RELAY_ALLOWED_ORIGINS/);
    refuses({ RELAY_CLIENTS: client({ purposes: ['gambling'] }) }, 'RELAY_CLIENTS', /not in RELAY_PURPOSES/);
    refuses({ RELAY_CLIENTS: client({ keyHashes: [DEV_API_KEY] }) }, 'RELAY_CLIENTS', /npm run relay:key/);
    refuses({ RELAY_CLIENTS: client({ keyHashes: ['test:' + 'a'.repeat(43), 'test:' + 'b'.repeat(43), 'test:' + 'c'.repeat(43)] }) }, 'RELAY_CLIENTS', /at most two keys/);
    refuses({ RELAY_PURPOSES: '[{"id":"Bad Id","ja":"x","en":"x","retentionDays":1}]' }, 'RELAY_PURPOSES', /lower-case/);
    refuses({ RELAY_PURPOSES: '[{"id":"a","ja":"x","en":"x","retentionDays":1}]', RELAY_PURPOSE: 'x' }, 'RELAY_PURPOSES', /not both/);
    refuses({ RELAY_ENVIRONMENT: 'staging' }, 'RELAY_ENVIRONMENT', /test or live/);
  });

  it('behind a public URL, nothing every instance must share may be generated', () => {
    refuses(
      { RELAY_PUBLIC_URL: 'https://relay.bank.example', PORTAL_ISSUER: 'https://portal.example' },
      'RELAY_PURPOSES',
      /set RELAY_PURPOSES, RELAY_CLIENTS, RELAY_SIGNING_KEY, RELAY_ENCRYPTION_KEYS, RELAY_RESULT_KEYS, RELAY_SUBJECT_SECRET/,
    );
  });
});
