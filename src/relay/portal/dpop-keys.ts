import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** A flow's DPoP key pair as JWKs, so it can be sealed into the flow row between requests. */
export interface DpopKeyJwks {
  publicJwk: JWK;
  privateJwk: JWK;
}

export async function generateDpopKeys(): Promise<{ pair: CryptoKeyPair; jwks: DpopKeyJwks }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { pair, jwks: { publicJwk: await exportJWK(pair.publicKey), privateJwk: await exportJWK(pair.privateKey) } };
}

export async function importDpopKeys(jwks: DpopKeyJwks): Promise<CryptoKeyPair> {
  const publicKey = await importJWK(jwks.publicJwk, 'ES256', { extractable: true });
  const privateKey = await importJWK(jwks.privateJwk, 'ES256');
  if (!(publicKey instanceof CryptoKey) || !(privateKey instanceof CryptoKey)) throw new Error('DPoP keys must be EC keys');
  return { publicKey, privateKey };
}
