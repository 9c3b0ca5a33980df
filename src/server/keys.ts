import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, generateSecret, importJWK, type CryptoKey, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { ConfigError, type OctJwk, type PrivateJwk, type RelayConfig, type ResultKeyJwk, type SigningAlgorithm } from './config.js';
import type { Logger } from './log.js';

export interface RelayKeys {
  signing: { kid: string; alg: SigningAlgorithm; privateKey: CryptoKey; publicJwk: JWK };
  /** The first key seals; every key is tried by `kid` when unsealing (rotation). */
  encryption: readonly { kid: string; key: CryptoKey }[];
  /** Sign the results handed to providers; the first signs, all are published (rotation). */
  results: readonly ResultKey[];
  /** HMAC key of the pairwise subject ids. */
  subjectSecret: Buffer;
  /** Everything `/.well-known/jwks.json` publishes: the portal-auth key and the result keys. */
  publicJwks: readonly JWK[];
}

export interface ResultKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

type KeySettings = Pick<RelayConfig, 'signingKey' | 'encryptionKeys' | 'resultKeys' | 'subjectSecret' | 'dataDir'> & Partial<Pick<RelayConfig, 'clients'>>;

const DEV_KEYS_FILE = 'dev-keys.json';
/** Kept apart from dev-keys.json so data directories made before result keys existed keep theirs. */
const DEV_RESULT_KEYS_FILE = 'dev-result-keys.json';

/**
 * The configured keys, or development keys generated on first run and kept in RELAY_DATA_DIR
 * (mode 0600) so sealed flows and the published JWKS survive a restart.
 */
export async function loadRelayKeys(config: KeySettings, log: Logger): Promise<RelayKeys> {
  let signingJwk = config.signingKey;
  let encryptionJwks = config.encryptionKeys;
  let resultJwks = config.resultKeys;
  let subjectSecret = config.subjectSecret;
  if (resultJwks === null || subjectSecret === null) {
    const dev = await loadOrCreate(config.dataDir, DEV_RESULT_KEYS_FILE, generateDevResultKeys);
    log('warn', 'relay keys: development result keys in use', {
      file: join(config.dataDir, DEV_RESULT_KEYS_FILE),
      generated: [...(resultJwks === null ? ['RELAY_RESULT_KEYS'] : []), ...(subjectSecret === null ? ['RELAY_SUBJECT_SECRET'] : [])],
    });
    resultJwks ??= dev.results;
    subjectSecret ??= dev.subjectSecret;
  }
  if (signingJwk === null || encryptionJwks === null) {
    const dev = await loadOrCreate(config.dataDir, DEV_KEYS_FILE, generateDevKeys);
    log('warn', 'relay keys: development keys in use', {
      file: join(config.dataDir, DEV_KEYS_FILE),
      generated: [...(signingJwk === null ? ['RELAY_SIGNING_KEY'] : []), ...(encryptionJwks === null ? ['RELAY_ENCRYPTION_KEYS'] : [])],
    });
    signingJwk ??= dev.signing;
    encryptionJwks ??= dev.encryption;
  }
  const signing = await importSigningKey(signingJwk);
  const results = await Promise.all(resultJwks.map(importResultKey));
  // A result must be attributable to the result keys alone: never the portal key, never its kid.
  const { x, kid } = signing.publicJwk;
  if (results.some((key) => key.kid === kid || key.publicJwk.x === x)) {
    throw new ConfigError('RELAY_RESULT_KEYS', 'a result key must differ from RELAY_SIGNING_KEY, in its kid and its key');
  }
  await Promise.all((config.clients ?? []).map(checkClientEncryptionKey));
  return {
    signing,
    encryption: await Promise.all(encryptionJwks.map(importEncryptionKey)),
    results,
    subjectSecret: Buffer.from(subjectSecret, 'base64url'),
    publicJwks: [signing.publicJwk, ...results.map((key) => key.publicJwk)],
  };
}

/** A client's result-encryption key must import now, not fail the first result fetch. */
async function checkClientEncryptionKey(client: NonNullable<RelayConfig['clients']>[number]): Promise<void> {
  if (client.encryptionKey === undefined) return;
  try {
    await importJWK(client.encryptionKey, 'ECDH-ES+A256KW');
  } catch (error) {
    throw new ConfigError('RELAY_CLIENTS', `client ${client.id}: encryptionKey does not import as ECDH-ES+A256KW: ${(error as Error).message}`);
  }
}

async function importResultKey(jwk: ResultKeyJwk): Promise<ResultKey> {
  try {
    const privateKey = await importJWK({ ...jwk, alg: 'ES256' }, 'ES256');
    if (privateKey instanceof Uint8Array || privateKey.type !== 'private') throw new Error('not a private key');
    const { kty, crv, x, y } = jwk;
    return { kid: jwk.kid, privateKey, publicJwk: { kty, crv, x, y, kid: jwk.kid, alg: 'ES256', use: 'sig' } };
  } catch (error) {
    throw new ConfigError('RELAY_RESULT_KEYS', `cannot import ${jwk.kid} as ES256: ${(error as Error).message}`);
  }
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

interface DevResultKeys {
  results: ResultKeyJwk[];
  subjectSecret: string;
}

async function loadOrCreate<T>(dataDir: string, name: string, generate: () => Promise<T>): Promise<T> {
  const file = join(dataDir, name);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = await generate();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link fails if the file exists, so when two relays
  // start at once the first complete file wins and both use it.
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(keys), { mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(await readFile(file, 'utf8')) as T;
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

async function generateDevResultKeys(): Promise<DevResultKeys> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = (await exportJWK(privateKey)) as Omit<ResultKeyJwk, 'kid'>;
  return { results: [{ ...jwk, kid: `dev-result-${new Date().toISOString().slice(0, 10)}` }], subjectSecret: randomBytes(32).toString('base64url') };
}
