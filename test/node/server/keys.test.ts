import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import { ConfigError, loadConfig, loadRelayKeys, silentLogger, type LogLevel } from '../../../src/server/index.js';
import { createSealer } from '../../../src/server/seal.js';
import { temporaryDir } from '../../support/fixtures.js';

describe('relay keys', () => {
  it('generates development keys once, keeps them private to the owner and reuses them', async () => {
    const dir = await temporaryDir();
    try {
      const warnings: string[] = [];
      const log = (level: LogLevel, message: string) => {
        if (level === 'warn') warnings.push(message);
      };
      const config = loadConfig({ RELAY_DATA_DIR: dir.path });
      const first = await loadRelayKeys(config, log);
      const second = await loadRelayKeys(config, silentLogger);
      assert.deepEqual(second.signing.publicJwk, first.signing.publicJwk);
      assert.equal(second.encryption[0]?.kid, first.encryption[0]?.kid);
      assert.equal((await stat(join(dir.path, 'dev-keys.json'))).mode & 0o777, 0o600);
      assert.equal((await stat(join(dir.path, 'dev-result-keys.json'))).mode & 0o777, 0o600);
      assert.deepEqual(second.results.map((key) => key.publicJwk), first.results.map((key) => key.publicJwk));
      assert.ok(second.subjectSecret.equals(first.subjectSecret) && first.subjectSecret.length === 32);
      // Both kinds are published: the portal-auth key and the result key, each with kid, use and alg.
      assert.deepEqual(first.publicJwks.map(({ kid, use, alg }) => ({ kid, use, alg })), [
        { kid: first.signing.kid, use: 'sig', alg: 'ES256' },
        { kid: first.results[0]!.kid, use: 'sig', alg: 'ES256' },
      ]);
      assert.ok(first.publicJwks.every((jwk) => jwk.d === undefined));
      assert.deepEqual(warnings, ['relay keys: development result keys in use', 'relay keys: development keys in use']);
      // A value sealed before the restart still opens after it.
      const context = { rowId: 'r1', purpose: 'test' };
      const sealed = await createSealer(first.encryption).seal({ a: 1 }, context);
      assert.deepEqual(await createSealer(second.encryption).unseal(sealed, context), { a: 1 });
    } finally {
      await dir.remove();
    }
  });

  it('uses configured keys and publishes only the public half', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'prod-2026', alg: 'ES256' };
    const config = loadConfig({
      RELAY_SIGNING_KEY: JSON.stringify(jwk),
      RELAY_ENCRYPTION_KEYS: JSON.stringify([{ kty: 'oct', kid: 'enc-1', k: Buffer.alloc(32, 7).toString('base64url') }]),
    });
    const keys = await loadRelayKeys(config, silentLogger);
    assert.equal(keys.signing.kid, 'prod-2026');
    assert.equal(keys.signing.publicJwk.d, undefined);
    assert.equal(keys.signing.publicJwk.x, jwk.x);
    assert.equal(keys.encryption[0]?.kid, 'enc-1');
  });

  it('refuses a signing key that does not import, naming the variable', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'mismatch', alg: 'PS256' };
    const config = loadConfig({
      RELAY_SIGNING_KEY: JSON.stringify(jwk),
      RELAY_ENCRYPTION_KEYS: JSON.stringify([{ kty: 'oct', kid: 'enc-1', k: Buffer.alloc(32, 7).toString('base64url') }]),
    });
    await assert.rejects(loadRelayKeys(config, silentLogger), (error: unknown) => error instanceof ConfigError && error.variable === 'RELAY_SIGNING_KEY');
  });

  it('refuses a result key that is the portal-auth key, and a client encryption key that does not import', async () => {
    const dir = await temporaryDir();
    try {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const jwk = await exportJWK(privateKey);
      const env = { RELAY_DATA_DIR: dir.path, RELAY_SIGNING_KEY: JSON.stringify({ ...jwk, kid: 'sig', alg: 'ES256' }) };
      await assert.rejects(loadRelayKeys(loadConfig({ ...env, RELAY_RESULT_KEYS: JSON.stringify([{ ...jwk, kid: 'other' }]) }), silentLogger), (error: unknown) => error instanceof ConfigError && error.variable === 'RELAY_RESULT_KEYS');
      await assert.rejects(loadRelayKeys(loadConfig({ ...env, RELAY_RESULT_KEYS: JSON.stringify([{ ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)), kid: 'sig' }]) }), silentLogger), (error: unknown) => error instanceof ConfigError && error.variable === 'RELAY_RESULT_KEYS');
      const client = { id: 'city', keyHashes: [`test:${'A'.repeat(43)}`], origins: ['http://localhost:5173'], purposes: ['mortgage-prescreen'], encryptionKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' } };
      await assert.rejects(loadRelayKeys(loadConfig({ RELAY_DATA_DIR: dir.path, RELAY_CLIENTS: JSON.stringify([client]) }), silentLogger), (error: unknown) => error instanceof ConfigError && error.variable === 'RELAY_CLIENTS' && /city/.test(error.message));
    } finally {
      await dir.remove();
    }
  });
});
