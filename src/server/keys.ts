import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, generateSecret, importJWK, type CryptoKey, type JWK } from 'jose';
import { ConfigError, type OctJwk, type PrivateJwk, type RelayConfig, type SigningAlgorithm } from './config.js';
import type { Logger } from './log.js';

export interface RelayKeys {
  signing: { kid: string; alg: SigningAlgorithm; privateKey: CryptoKey; publicJwk: JWK };
  /** The first key seals; every key is tried by `kid` when unsealing (rotation). */
  encryption: readonly { kid: string; key: CryptoKey }[];
}

const DEV_KEYS_FILE = 'dev-keys.json';

/**
 * The configured keys, or development keys generated on first run and kept in RELAY_DATA_DIR
 * (mode 0600) so sealed flows and the published JWKS survive a restart.
 */
export async function loadRelayKeys(config: Pick<RelayConfig, 'signingKey' | 'encryptionKeys' | 'dataDir'>, log: Logger): Promise<RelayKeys> {
  let signingJwk = config.signingKey;
  let encryptionJwks = config.encryptionKeys;
  if (signingJwk === null || encryptionJwks === null) {
    const dev = await loadOrCreateDevKeys(config.dataDir);
    log('warn', 'relay keys: development keys in use', {
      file: join(config.dataDir, DEV_KEYS_FILE),
      generated: [...(signingJwk === null ? ['RELAY_SIGNING_KEY'] : []), ...(encryptionJwks === null ? ['RELAY_ENCRYPTION_KEYS'] : [])],
    });
    signingJwk ??= dev.signing;
    encryptionJwks ??= dev.encryption;
  }
  return {
    signing: await importSigningKey(signingJwk),
    encryption: await Promise.all(encryptionJwks.map(importEncryptionKey)),
  };
}

async function importSigningKey(jwk: PrivateJwk): Promise<RelayKeys['signing']> {
  let privateKey: CryptoKey;
  try {
    const imported = await importJWK(jwk, jwk.alg);
    if (imported instanceof Uint8Array || imported.type !== 'private') throw new Error('not a private key');
    privateKey = imported;
  } catch (error) {
    throw new ConfigError('RELAY_SIGNING_KEY', `cannot import as ${jwk.alg}: ${(error as Error).message}`);
  }
  const { kty, crv, x, y, n, e } = jwk as JWK;
  const publicJwk: JWK = Object.fromEntries(
    Object.entries({ kty, crv, x, y, n, e, kid: jwk.kid, alg: jwk.alg, use: 'sig' }).filter(([, value]) => value !== undefined),
  );
  return { kid: jwk.kid, alg: jwk.alg, privateKey, publicJwk };
}

async function importEncryptionKey(jwk: OctJwk): Promise<RelayKeys['encryption'][number]> {
  try {
    const raw = Buffer.from(jwk.k, 'base64url');
    const key = await crypto.subtle.importKey('raw', raw, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
    return { kid: jwk.kid, key };
  } catch (error) {
    throw new ConfigError('RELAY_ENCRYPTION_KEYS', `cannot import ${jwk.kid} as A256KW: ${(error as Error).message}`);
  }
}

interface DevKeys {
  signing: PrivateJwk;
  encryption: OctJwk[];
}

async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const file = join(dataDir, DEV_KEYS_FILE);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DevKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = await generateDevKeys();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link fails if the file exists, so when two relays
  // start at once the first complete file wins and both use it.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(keys), { mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(await readFile(file, 'utf8')) as DevKeys;
  } finally {
    await unlink(temporary);
  }
  return keys;
}

async function generateDevKeys(): Promise<DevKeys> {
  const stamp = new Date().toISOString().slice(0, 10);
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const secret = await generateSecret('A256KW', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: `dev-sig-${stamp}`, alg: 'ES256' } as PrivateJwk;
  const encryption = [{ ...(await exportJWK(secret)), kid: `dev-enc-${stamp}` } as OctJwk];
  return { signing, encryption };
}
