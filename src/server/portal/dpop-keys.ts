import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface DpopKeyPair {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

/** A flow's DPoP key pair as JWKs, so it can be sealed into the flow row between requests. */
export interface DpopKeyJwks {
  publicJwk: JWK;
  privateJwk: JWK;
}

export async function generateDpopKeys(): Promise<{ pair: DpopKeyPair; jwks: DpopKeyJwks }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { pair, jwks: { publicJwk: await exportJWK(pair.publicKey), privateJwk: await exportJWK(pair.privateKey) } };
}

export async function importDpopKeys(jwks: DpopKeyJwks): Promise<DpopKeyPair> {
  const publicKey = await importJWK(jwks.publicJwk, 'ES256', { extractable: true });
  const privateKey = await importJWK(jwks.privateJwk, 'ES256');
  if (publicKey instanceof Uint8Array || privateKey instanceof Uint8Array) throw new Error('DPoP keys must be EC keys');
  return { publicKey, privateKey };
}
