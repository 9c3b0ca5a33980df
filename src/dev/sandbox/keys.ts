import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';

/** The sandbox's own secrets. They persist so ID tokens and subjects stay stable across restarts. */
export interface SandboxKeys {
  /** Private ES256 JWK with `kid`, `alg` and `use`: signs ID tokens and self-information results. */
  signingJwk: JWK;
  signingKey: CryptoKey;
  /** Salt of the pairwise subject identifiers. */
  pairwiseSalt: string;
}

const KEY_FILE = 'keys.json';

const storedKeysSchema = z.object({
  signingJwk: z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string(), kid: z.string() }),
  pairwiseSalt: z.string().min(32),
});

export async function loadOrCreateKeys(dataDir: string): Promise<SandboxKeys> {
  const file = join(dataDir, KEY_FILE);
  const stored = await readStoredKeys(file);
  const { signingJwk, pairwiseSalt } = stored ?? (await createStoredKeys(dataDir, file));
  const signingKey = await importJWK(signingJwk, 'ES256');
  if (!('type' in signingKey)) throw new Error('An ES256 JWK must import as a CryptoKey');
  return { signingJwk, signingKey, pairwiseSalt };
}

async function readStoredKeys(file: string): Promise<z.infer<typeof storedKeysSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = storedKeysSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a sandbox key file; delete it to generate new keys`);
  return parsed.data;
}

async function createStoredKeys(dataDir: string, file: string): Promise<z.infer<typeof storedKeysSchema>> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const signingJwk = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
  const stored = { signingJwk, pairwiseSalt: randomBytes(32).toString('base64url') };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: when two processes start at once, the first key written wins and both use it.
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const written = await readStoredKeys(file);
  if (written === undefined) throw new Error(`${file} vanished while it was being created`);
  return written;
}
