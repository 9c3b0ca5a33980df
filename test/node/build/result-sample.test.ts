import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { resultClaims } from '../../../src/protocol/index.js';
import { verifyResult } from '../../../src/server-sdk/index.js';

const sample = (name: string) => readFileSync(new URL(`../../../docs/samples/${name}`, import.meta.url), 'utf8');

describe('docs/samples: the signed result a backend can test its verification with', () => {
  const jwt = sample('result.jwt').trim();
  const jwks = JSON.parse(sample('result-jwks.json')) as JSONWebKeySet;
  const claims = JSON.parse(sample('result-claims.json')) as Record<string, unknown>;
  const issuedAt = new Date(Number(claims['iat']) * 1000);

  it('verifies with the sample JWKS (at its iat) and carries exactly the sample claims, valid for the protocol', async () => {
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), { typ: 'myna-result+jwt', algorithms: ['ES256'], currentDate: issuedAt });
    assert.equal(protectedHeader.kid, jwks.keys[0]?.kid);
    assert.deepEqual(payload, claims);
    assert.deepEqual(resultClaims.parse(payload), claims, 'the sample is current: regenerate with tsx scripts/generate-result-sample.ts');
  });

  it('passes the server SDK’s verification, and fails it once tampered with', async () => {
    const options = { issuer: String(claims['iss']), audience: String(claims['aud']), sessionId: String(claims['sid']), jwks, now: issuedAt };
    assert.equal((await verifyResult(jwt, options)).value('localTax.salaryRevenue')?.value, 5_670_000);
    const [header, , signature] = jwt.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, records: [] })).toString('base64url');
    await assert.rejects(verifyResult(`${header}.${forged}.${signature}`, options), /signature/i);
  });
});
