import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../src/server/index.js';

function rejects(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.startsWith(`Invalid ${variable}:`),
    `${JSON.stringify(env)} should be refused naming ${variable}`,
  );
}

/** What a relay behind a public URL must be given (every instance shares them). */
const PRODUCTION_SECRETS = {
  RELAY_SIGNING_KEY: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'sig-1', alg: 'ES256' }),
  RELAY_RESULT_KEYS: JSON.stringify([{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'result-1' }]),
  RELAY_SUBJECT_SECRET: 'S'.repeat(43),
  RELAY_CLIENTS: JSON.stringify([{ id: 'bank-web', keyHashes: [`live:${'H'.repeat(43)}`], origins: ['https://www.bank.example'], purposes: ['default'] }]),
};

describe('loadConfig', () => {
  it('starts with no settings on development defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8787);
    assert.equal(config.publicUrl, 'http://localhost:8787');
    assert.deepEqual(config.allowedOrigins, ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:8787']);
    assert.equal(config.serviceName, '〇〇銀行（デモ）');
    assert.deepEqual(config.allowedItems, ['household', 'localTax']);
    assert.equal(config.dataDir, '.dev/relay');
    assert.equal(config.portalIssuer, 'http://localhost:8788');
    assert.equal(config.portalClientId, 'myna-relay-dev');
    assert.equal(config.signingKey, null);
    assert.equal(config.encryptionKeys, null);
    assert.ok(config.developmentDefaults.includes('RELAY_SIGNING_KEY'));
    assert.ok(config.developmentDefaults.includes('RELAY_PUBLIC_URL'));
  });

  it('derives the public URL and default origins from PORT', () => {
    const config = loadConfig({ PORT: '9000' });
    assert.equal(config.publicUrl, 'http://localhost:9000');
    assert.ok(config.allowedOrigins.includes('http://localhost:9000'));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      RELAY_PUBLIC_URL: 'https://relay.bank.example/myna/',
      RELAY_ALLOWED_ORIGINS: 'https://bank.example, https://www.bank.example',
      RELAY_SERVICE_NAME: '△△銀行',
      RELAY_PURPOSE: '口座開設',
      RELAY_ALLOWED_ITEMS: 'localTax.salaryRevenue,1',
      RELAY_RETENTION_DAYS: '90',
      RELAY_DATA_DIR: '/var/lib/relay',
      PORTAL_ISSUER: 'https://portal.example',
      PORTAL_CLIENT_ID: 'bank-relay',
      RELAY_FLOW_TTL_SECONDS: '300',
      SMTP_HOST: 'smtp.bank.example',
      RELAY_ENCRYPTION_KEYS: JSON.stringify({ keys: [{ kty: 'oct', kid: 'k1', k: 'A'.repeat(43) }] }),
      ...PRODUCTION_SECRETS,
    });
    assert.equal(config.publicUrl, 'https://relay.bank.example/myna');
    assert.deepEqual(config.allowedOrigins, ['https://bank.example', 'https://www.bank.example']);
    assert.deepEqual(config.allowedItems, ['localTax.salaryRevenue', 'household']);
    assert.equal(config.retentionDays, 90);
    assert.equal(config.flowTtlSeconds, 300);
    assert.equal(config.encryptionKeys?.[0]?.kid, 'k1');
    assert.deepEqual(config.developmentDefaults, []);
    assert.equal(config.environment, 'live');
    assert.deepEqual(config.purposes, [{ id: 'default', ja: '口座開設', en: '口座開設', retentionDays: 90 }]);
    assert.equal(config.clients?.[0]?.id, 'bank-web');
  });

  it('refuses a bad value naming the variable', () => {
    rejects({ PORT: 'eighty' }, 'PORT');
    rejects({ PORT: '70000' }, 'PORT');
    rejects({ RELAY_PUBLIC_URL: 'relay.example' }, 'RELAY_PUBLIC_URL');
    rejects({ RELAY_PUBLIC_URL: 'http://relay.example' }, 'RELAY_PUBLIC_URL');
    rejects({ RELAY_PUBLIC_URL: 'https://relay.example/?x=1' }, 'RELAY_PUBLIC_URL');
    rejects({ RELAY_ALLOWED_ORIGINS: 'https://bank.example/' }, 'RELAY_ALLOWED_ORIGINS');
    rejects({ RELAY_ALLOWED_ORIGINS: 'https://bank.example/form' }, 'RELAY_ALLOWED_ORIGINS');
    rejects({ RELAY_ALLOWED_ORIGINS: '*' }, 'RELAY_ALLOWED_ORIGINS');
    rejects({ RELAY_SERVICE_NAME: 'x'.repeat(101) }, 'RELAY_SERVICE_NAME');
    rejects({ RELAY_PURPOSE: 'x'.repeat(201) }, 'RELAY_PURPOSE');
    rejects({ RELAY_ALLOWED_ITEMS: 'localTax,income' }, 'RELAY_ALLOWED_ITEMS');
    rejects({ RELAY_RETENTION_DAYS: '0' }, 'RELAY_RETENTION_DAYS');
    rejects({ RELAY_RETENTION_DAYS: '1.5' }, 'RELAY_RETENTION_DAYS');
    rejects({ PORTAL_ISSUER: 'ftp://portal.example' }, 'PORTAL_ISSUER');
    rejects({ PORTAL_ISSUER: 'http://portal.example' }, 'PORTAL_ISSUER');
    rejects({ RELAY_FLOW_TTL_SECONDS: '5' }, 'RELAY_FLOW_TTL_SECONDS');
    rejects({ RELAY_SIGNING_KEY: '{not json' }, 'RELAY_SIGNING_KEY');
    rejects({ RELAY_SIGNING_KEY: JSON.stringify({ kty: 'EC', kid: 'a', alg: 'RS256', d: 'x' }) }, 'RELAY_SIGNING_KEY');
    rejects({ RELAY_SIGNING_KEY: JSON.stringify({ kty: 'EC', alg: 'ES256', d: 'x' }) }, 'RELAY_SIGNING_KEY');
    rejects({ RELAY_SIGNING_KEY: JSON.stringify({ kty: 'EC', kid: 'public-only', alg: 'ES256' }) }, 'RELAY_SIGNING_KEY');
    rejects({ RELAY_ENCRYPTION_KEYS: JSON.stringify([{ kty: 'oct', kid: 'short', k: 'AAAA' }]) }, 'RELAY_ENCRYPTION_KEYS');
    rejects({ RELAY_ENCRYPTION_KEYS: JSON.stringify([]) }, 'RELAY_ENCRYPTION_KEYS');
    const key = { kty: 'oct', kid: 'same', k: 'A'.repeat(43) };
    rejects({ RELAY_ENCRYPTION_KEYS: JSON.stringify([key, key]) }, 'RELAY_ENCRYPTION_KEYS');
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ PORT: '', RELAY_PURPOSE: '  ' }).port, 8787);
  });
});

describe('loadConfig: hours, clock, fallback and SMTP settings', () => {
  it('defaults: guideline hours, real clock, no dev routes, the local mail catcher', () => {
    const config = loadConfig({});
    assert.equal(config.scheduleOverrides, undefined);
    assert.equal(config.clockStart, null);
    assert.equal(config.devRoutes, false);
    assert.equal(config.resumeTtlDays, 7);
    assert.deepEqual(config.fallbackRateLimit, { burst: 5, perSeconds: 600 });
    assert.equal(config.trustProxyHops, 0);
    assert.deepEqual(config.smtp, {
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      requireTls: false,
      auth: null,
      from: { name: '〇〇銀行（デモ）', address: 'no-reply@localhost' },
    });
    assert.ok(config.developmentDefaults.includes('SMTP_HOST'));
    assert.ok(!config.developmentDefaults.includes('RELAY_DEV_ROUTES'));
  });

  it('reads them', () => {
    const config = loadConfig({
      RELAY_SCHEDULE_OVERRIDES: JSON.stringify({ extraHolidays: ['2026-12-29'] }),
      RELAY_CLOCK: '2026-11-21T10:00:00+09:00',
      RELAY_DEV_ROUTES: '1',
      RELAY_RESUME_TTL_DAYS: '3',
      RELAY_FALLBACK_RATE_LIMIT: '10/60',
      RELAY_TRUST_PROXY: '1',
      SMTP_HOST: 'smtp.bank.example',
      SMTP_USER: 'relay',
      SMTP_PASS: 'secret',
      SMTP_FROM: '△△銀行 <no-reply@bank.example>',
    });
    assert.deepEqual(config.scheduleOverrides, { extraHolidays: ['2026-12-29'] });
    assert.equal(config.clockStart, Date.parse('2026-11-21T01:00:00Z'));
    assert.equal(config.devRoutes, true);
    assert.equal(config.resumeTtlDays, 3);
    assert.deepEqual(config.fallbackRateLimit, { burst: 10, perSeconds: 60 });
    assert.equal(config.trustProxyHops, 1);
    assert.deepEqual(config.smtp, {
      host: 'smtp.bank.example',
      port: 587,
      secure: false,
      requireTls: true,
      auth: { user: 'relay', pass: 'secret' },
      from: { name: '△△銀行', address: 'no-reply@bank.example' },
    });
    assert.equal(loadConfig({ SMTP_HOST: 'smtp.bank.example', SMTP_SECURE: '1' }).smtp.port, 465);
  });

  it('refuses bad values naming the variable', () => {
    rejects({ RELAY_SCHEDULE_OVERRIDES: '{not json' }, 'RELAY_SCHEDULE_OVERRIDES');
    rejects({ RELAY_SCHEDULE_OVERRIDES: JSON.stringify({ servers: { nenkin: { hours: [{ days: 'sometimes' }] } } }) }, 'RELAY_SCHEDULE_OVERRIDES');
    rejects({ RELAY_SCHEDULE_OVERRIDES: JSON.stringify({ servers: { bank: {} } }) }, 'RELAY_SCHEDULE_OVERRIDES');
    rejects({ RELAY_CLOCK: '2026-11-21' }, 'RELAY_CLOCK');
    rejects({ RELAY_CLOCK: '2026-11-21T10:00:00' }, 'RELAY_CLOCK');
    rejects({ RELAY_DEV_ROUTES: 'yes' }, 'RELAY_DEV_ROUTES');
    rejects({ RELAY_DEV_ROUTES: '1', RELAY_PUBLIC_URL: 'https://relay.bank.example' }, 'RELAY_DEV_ROUTES');
    rejects({ RELAY_RESUME_TTL_DAYS: '0' }, 'RELAY_RESUME_TTL_DAYS');
    rejects({ RELAY_FALLBACK_RATE_LIMIT: '5' }, 'RELAY_FALLBACK_RATE_LIMIT');
    rejects({ RELAY_FALLBACK_RATE_LIMIT: '0/60' }, 'RELAY_FALLBACK_RATE_LIMIT');
    rejects({ SMTP_HOST: 'smtp host' }, 'SMTP_HOST');
    rejects({ SMTP_PORT: '0' }, 'SMTP_PORT');
    rejects({ SMTP_SECURE: 'maybe' }, 'SMTP_SECURE');
    rejects({ SMTP_USER: 'relay' }, 'SMTP_PASS');
    rejects({ SMTP_PASS: 'secret' }, 'SMTP_USER');
    rejects({ SMTP_FROM: 'not an address' }, 'SMTP_FROM');
    rejects({ SMTP_FROM: 'Bank <a@b.example>\r\nBcc: x@y.example' }, 'SMTP_FROM');
  });
});

describe('loadConfig: the store', () => {
  it('uses SQLite in RELAY_DATA_DIR unless RELAY_DATABASE_URL names a Postgres database', () => {
    assert.equal(loadConfig({}).databaseUrl, null);
    assert.ok(!loadConfig({}).developmentDefaults.includes('RELAY_DATABASE_URL'), 'SQLite is a production choice, not a dev default');
    for (const url of ['postgres://relay:pw@db.internal:5432/relay', 'postgresql://db.internal/relay', 'postgresql:///relay?host=/run/postgresql']) {
      assert.equal(loadConfig({ RELAY_DATABASE_URL: url }).databaseUrl, url);
    }
  });

  it('refuses anything else naming RELAY_DATABASE_URL, without repeating the password', () => {
    for (const url of ['db.internal:5432/relay', 'mysql://relay:s3cret-pw@db/relay', 'postgres://relay:s3cret-pw@db.internal:5432/', 'postgres:///relay']) {
      rejects({ RELAY_DATABASE_URL: url }, 'RELAY_DATABASE_URL');
      assert.throws(
        () => loadConfig({ RELAY_DATABASE_URL: url }),
        (error: unknown) => error instanceof ConfigError && !error.message.includes('s3cret-pw') && !error.message.includes(url),
      );
    }
  });
});

describe('loadConfig: webhooks', () => {
  const production = {
    RELAY_PUBLIC_URL: 'https://relay.bank.example',
    RELAY_ALLOWED_ORIGINS: 'https://www.bank.example',
    PORTAL_ISSUER: 'https://portal.example',
    RELAY_PURPOSE: '口座開設',
    RELAY_ENCRYPTION_KEYS: JSON.stringify({ keys: [{ kty: 'oct', kid: 'k1', k: 'A'.repeat(43) }] }),
    ...PRODUCTION_SECRETS,
  };
  const client = (fields: Record<string, unknown>) =>
    JSON.stringify([{ id: 'bank-web', keyHashes: [`live:${'H'.repeat(43)}`], origins: ['https://www.bank.example'], purposes: ['default'], ...fields }]);
  const secret = `whsec_${'s'.repeat(32)}`;

  it('reads a client webhook with one or two secrets, the allowlisted networks and the retry window', () => {
    const config = loadConfig({
      ...production,
      RELAY_CLIENTS: client({ webhookUrl: 'https://hooks.bank.example/myna', webhookSecrets: [secret, `whsec_${'t'.repeat(40)}`] }),
      RELAY_WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, fd00:12::/32',
      RELAY_WEBHOOK_RETRY_HOURS: '120',
    });
    assert.equal(config.clients?.[0]?.webhookSecrets?.length, 2);
    assert.deepEqual(config.webhookAllowedNetworks, ['10.20.0.0/16', 'fd00:12::/32']);
    assert.equal(config.webhookRetryHours, 120);
    assert.equal(loadConfig({}).webhookRetryHours, 72, 'three days by default');
  });

  it('refuses a webhook without secrets (or secrets without a webhook), a bad secret, plain http outside development, a bad network, a window under 3 days', () => {
    rejects({ ...production, RELAY_CLIENTS: client({ webhookUrl: 'https://hooks.bank.example/myna' }) }, 'RELAY_CLIENTS');
    rejects({ ...production, RELAY_CLIENTS: client({ webhookSecrets: [secret] }) }, 'RELAY_CLIENTS');
    rejects({ ...production, RELAY_CLIENTS: client({ webhookUrl: 'https://hooks.bank.example/myna', webhookSecrets: ['short'] }) }, 'RELAY_CLIENTS');
    rejects({ ...production, RELAY_CLIENTS: client({ webhookUrl: 'https://h.example/', webhookSecrets: [secret, secret, secret] }) }, 'RELAY_CLIENTS');
    rejects({ ...production, RELAY_CLIENTS: client({ webhookUrl: 'http://hooks.bank.example/myna', webhookSecrets: [secret] }) }, 'RELAY_CLIENTS');
    rejects({ ...production, RELAY_CLIENTS: client({ webhookUrl: 'http://localhost:9000/hooks', webhookSecrets: [secret] }) }, 'RELAY_CLIENTS');
    rejects({ RELAY_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/33' }, 'RELAY_WEBHOOK_ALLOWED_NETWORKS');
    rejects({ RELAY_WEBHOOK_RETRY_HOURS: '24' }, 'RELAY_WEBHOOK_RETRY_HOURS');
  });
});
