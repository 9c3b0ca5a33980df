import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { createSealer } from '../../../src/server/seal.js';

async function encryptionKey(kid: string): Promise<{ kid: string; key: CryptoKey }> {
  const key = await crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
  return { kid, key };
}

describe('sealing (JWE A256KW + A256GCM)', () => {
  const context = { rowId: 'flow-1', purpose: 'flow-secrets' };

  it('round-trips, with kid, row and purpose in the protected header', async () => {
    const sealer = createSealer([await encryptionKey('k1')]);
    const sealed = await sealer.seal({ token: 'secret' }, context);
    assert.doesNotMatch(sealed, /secret/);
    assert.deepEqual(decodeProtectedHeader(sealed), { alg: 'A256KW', enc: 'A256GCM', kid: 'k1', row: 'flow-1', purpose: 'flow-secrets' });
    assert.deepEqual(await sealer.unseal(sealed, context), { token: 'secret' });
  });

  it('refuses a value moved to another row or purpose', async () => {
    const sealer = createSealer([await encryptionKey('k1')]);
    const sealed = await sealer.seal({ token: 'secret' }, context);
    await assert.rejects(sealer.unseal(sealed, { ...context, rowId: 'flow-2' }));
    await assert.rejects(sealer.unseal(sealed, { ...context, purpose: 'other' }));
  });

  it('opens values sealed with an older key after rotation, and seals with the newest', async () => {
    const old = await encryptionKey('2025');
    const current = await encryptionKey('2026');
    const sealedBefore = await createSealer([old]).seal(42, context);
    const rotated = createSealer([current, old]);
    assert.equal(await rotated.unseal(sealedBefore, context), 42);
    assert.equal(decodeProtectedHeader(await rotated.seal(1, context)).kid, '2026');
    await assert.rejects(createSealer([current]).unseal(sealedBefore, context), /unknown key/);
  });

  it('refuses a tampered ciphertext', async () => {
    const sealer = createSealer([await encryptionKey('k1')]);
    const parts = (await sealer.seal({ a: 1 }, context)).split('.');
    const ciphertext = Buffer.from(parts[3] ?? '', 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[3] = ciphertext.toString('base64url');
    await assert.rejects(sealer.unseal(parts.join('.'), context));
  });
});
