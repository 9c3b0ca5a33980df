/**
 * Writes docs/samples/: a relay-signed result as a backend receives it (`result.jwt`), its claims
 * (`result-claims.json`) and the public JWKS that verifies it (`result-jwks.json`), signed with a
 * key generated here and thrown away — so a backend in any language can test its verification.
 * `tsx scripts/generate-result-sample.ts`; test/node/build/result-sample.test.ts checks the three
 * still agree with each other and with the protocol.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { RESULT_JWT_TYPE, resultClaims, type ResultClaims } from '../src/protocol/index.js';

const directory = fileURLToPath(new URL('../docs/samples/', import.meta.url));
const iat = Math.floor(Date.parse('2026-12-03T10:00:00+09:00') / 1000);
const claims: ResultClaims = resultClaims.parse({
  iss: 'https://relay.bank.example',
  aud: 'bank-web',
  sub: 'Qm9vW1hQ2m7uQy0iHcS3pA4vL8ZJrNn5tFxEw6YbGdk',
  sid: 'q7yT3kXo0bV2nR8sLw1eZa',
  ref: 'APP-2026-000123',
  purpose: { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査', en: 'Mortgage pre-screening' },
  items: ['localTax.salaryRevenue', 'localTax.taxYear'],
  query: { method: 'latest' },
  iat,
  exp: iat + 300,
  retain_until: '2027-03-03',
  source: 'mynaportal',
  retrievedAt: '2026-12-03T00:59:58.412Z',
  records: [
    {
      asOf: '2025-06-01',
      values: [
        { key: 'localTax.salaryRevenue', infoNumber: '2', status: 'present', value: 5670000, unit: 'JPY' },
        { key: 'localTax.taxYear', infoNumber: '2', status: 'present', value: 2025, unit: null },
      ],
    },
  ],
});
const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
const kid = 'result-sample';
const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: RESULT_JWT_TYPE, kid }).sign(privateKey);
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'ES256' }] };
writeFileSync(`${directory}result.jwt`, `${jwt}\n`);
writeFileSync(`${directory}result-claims.json`, `${JSON.stringify(claims, null, 2)}\n`);
writeFileSync(`${directory}result-jwks.json`, `${JSON.stringify(jwks, null, 2)}\n`);
console.log(`wrote ${directory}result.jwt, result-claims.json, result-jwks.json`);
