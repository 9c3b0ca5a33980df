import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../src/relay/index.js';

function rejects(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.startsWith(`Invalid ${variable}:`),
    `${JSON.stringify(env)} should be refused naming ${variable}`,
  );
}

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
      RELAY_ENCRYPTION_KEYS: JSON.stringify({ keys: [{ kty: 'oct', kid: 'k1', k: 'A'.repeat(43) }] }),
    });
    assert.equal(config.publicUrl, 'https://relay.bank.example/myna');
    assert.deepEqual(config.allowedOrigins, ['https://bank.example', 'https://www.bank.example']);
    assert.deepEqual(config.allowedItems, ['localTax.salaryRevenue', 'household']);
    assert.equal(config.retentionDays, 90);
    assert.equal(config.flowTtlSeconds, 300);
    assert.equal(config.encryptionKeys?.[0]?.kid, 'k1');
    assert.deepEqual(config.developmentDefaults, ['RELAY_SIGNING_KEY']);
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
