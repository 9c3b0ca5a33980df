import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  detailFor,
  handMadeProof,
  newDpop,
  pollUntilSettled,
  requestsUrl,
  runFlow,
  startHarness,
  startRequest,
  type Harness,
  type Tokens,
} from './harness.js';

interface Attempt {
  method?: string;
  url?: string;
  authorization?: string;
  proof?: string | null;
}

describe('sandbox: the self-information API checks DPoP-bound tokens itself', () => {
  let h: Harness;
  let tokens: Tokens;
  before(async () => {
    h = await startHarness();
    tokens = await runFlow(h, detailFor(['localTax.salaryRevenue']));
  });
  after(() => h.close());

  /** A request with a hand-made proof from the relay's DPoP key, unless told otherwise. */
  async function attempt({ method = 'POST', url = requestsUrl(h).href, authorization, proof }: Attempt = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: authorization ?? `DPoP ${tokens.accessToken}` };
    const dpop = proof === undefined ? await handMadeProof(h.relay.dpopKeys, { htm: method, htu: url, accessToken: tokens.accessToken }) : proof;
    if (dpop !== null) headers.dpop = dpop;
    return fetch(url, { method, headers });
  }

  async function assertRefused(response: Response, status: number, error: string, description: RegExp): Promise<void> {
    assert.equal(response.status, status);
    assert.match(response.headers.get('www-authenticate') ?? '', new RegExp(`^DPoP error="${error}"`));
    const body = (await response.json()) as { error: string; error_description: string };
    assert.equal(body.error, error);
    assert.match(body.error_description, description);
  }

  it('accepts a correct hand-made proof (the baseline of the checks below)', async () => {
    const response = await attempt();
    assert.equal(response.status, 202);
  });

  it('refuses the token presented as a Bearer token or not at all', async () => {
    await assertRefused(await attempt({ authorization: `Bearer ${tokens.accessToken}` }), 401, 'invalid_token', /DPoP-bound access token is required/);
    await assertRefused(await attempt({ authorization: '' }), 401, 'invalid_token', /DPoP-bound access token is required/);
    await assertRefused(await attempt({ authorization: 'DPoP not-a-token' }), 401, 'invalid_token', /invalid or expired/);
  });

  it('refuses a request without a proof', async () => {
    await assertRefused(await attempt({ proof: null }), 401, 'invalid_dpop_proof', /missing/);
  });

  it('refuses a proof made with another key than the token is bound to', async () => {
    const { dpopKeys } = await newDpop(h.relay.client);
    const proof = await handMadeProof(dpopKeys, { htm: 'POST', htu: requestsUrl(h).href, accessToken: tokens.accessToken });
    await assertRefused(await attempt({ proof }), 401, 'invalid_dpop_proof', /does not match the access token binding/);
  });

  it('refuses a proof for another URL or method', async () => {
    const otherUrl = await handMadeProof(h.relay.dpopKeys, { htm: 'POST', htu: `${h.url}/selfinfo/v1/other`, accessToken: tokens.accessToken });
    await assertRefused(await attempt({ proof: otherUrl }), 401, 'invalid_dpop_proof', /htu mismatch/);
    const otherHost = await handMadeProof(h.relay.dpopKeys, { htm: 'POST', htu: requestsUrl(h).href.replace('127.0.0.1', 'localhost'), accessToken: tokens.accessToken });
    await assertRefused(await attempt({ proof: otherHost }), 401, 'invalid_dpop_proof', /htu mismatch/);
    const otherMethod = await handMadeProof(h.relay.dpopKeys, { htm: 'GET', htu: requestsUrl(h).href, accessToken: tokens.accessToken });
    await assertRefused(await attempt({ proof: otherMethod }), 401, 'invalid_dpop_proof', /htm mismatch/);
  });

  it('refuses a proof without the access token hash or for another token', async () => {
    const noAth = await handMadeProof(h.relay.dpopKeys, { htm: 'POST', htu: requestsUrl(h).href });
    await assertRefused(await attempt({ proof: noAth }), 401, 'invalid_dpop_proof', /ath mismatch/);
    const otherAth = await handMadeProof(h.relay.dpopKeys, { htm: 'POST', htu: requestsUrl(h).href, accessToken: 'another-token' });
    await assertRefused(await attempt({ proof: otherAth }), 401, 'invalid_dpop_proof', /ath mismatch/);
  });

  it('refuses a stale proof', async () => {
    const stale = await handMadeProof(h.relay.dpopKeys, {
      htm: 'POST',
      htu: requestsUrl(h).href,
      accessToken: tokens.accessToken,
      iat: Math.floor(Date.now() / 1000) - 120,
    });
    await assertRefused(await attempt({ proof: stale }), 401, 'invalid_dpop_proof', /"iat" claim timestamp check failed/);
  });

  it('refuses a replayed proof', async () => {
    const proof = await handMadeProof(h.relay.dpopKeys, { htm: 'POST', htu: requestsUrl(h).href, accessToken: tokens.accessToken });
    assert.equal((await attempt({ proof })).status, 202);
    await assertRefused(await attempt({ proof }), 401, 'invalid_dpop_proof', /replayed/);
  });

  it('shows a process only to the token that started it', async () => {
    const processId = await startRequest(h, tokens.accessToken);
    const processUrl = `${requestsUrl(h).href}/${processId}`;
    assert.equal((await attempt({ method: 'GET', url: processUrl })).status, 200);

    const sameClientOtherToken = await runFlow(h, detailFor(['localTax.salaryRevenue']));
    const byOtherToken = await fetch(processUrl, {
      headers: {
        authorization: `DPoP ${sameClientOtherToken.accessToken}`,
        dpop: await handMadeProof(h.relay.dpopKeys, { htm: 'GET', htu: processUrl, accessToken: sameClientOtherToken.accessToken }),
      },
    });
    assert.equal(byOtherToken.status, 404);

    const otherClient = await runFlow(h, detailFor(['localTax.salaryRevenue']), 'yamada-taro', '1234', h.other);
    const byOtherClient = await fetch(processUrl, {
      headers: {
        authorization: `DPoP ${otherClient.accessToken}`,
        dpop: await handMadeProof(h.other.dpopKeys, { htm: 'GET', htu: processUrl, accessToken: otherClient.accessToken }),
      },
    });
    assert.equal(byOtherClient.status, 404);
    assert.equal((await pollUntilSettled(h, tokens.accessToken, processId)).status, 'SUCCESS');
  });

  it('answers 404 for an unknown process and 405 for a wrong method', async () => {
    const unknown = `${requestsUrl(h).href}/00000000-0000-4000-8000-000000000000`;
    assert.equal((await attempt({ method: 'GET', url: unknown })).status, 404);
    assert.equal((await attempt({ method: 'GET' })).status, 405);
  });
});
