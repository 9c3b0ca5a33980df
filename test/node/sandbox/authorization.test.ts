import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import {
  Browser,
  consentAndAuthenticate,
  detailFor,
  exchangeCode,
  newDpop,
  callback,
  prepareRequest,
  push,
  REDIRECT_URI,
  startHarness,
  withDpopNonceRetry,
  type Harness,
  type PreparedRequest,
  type TestClient,
} from './harness.js';

const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** The OAuth error of a refused request, whether in the body or (401) in a WWW-Authenticate challenge. */
async function rejects(action: Promise<unknown>, error: string, description?: RegExp): Promise<void> {
  await assert.rejects(action, (thrown: unknown) => {
    if (thrown instanceof oauth.WWWAuthenticateChallengeError) {
      const parameters = thrown.cause[0]?.parameters;
      assert.equal(parameters?.error, error, parameters?.error_description);
      if (description !== undefined) assert.match(parameters?.error_description ?? '', description);
      return true;
    }
    assert.ok(thrown instanceof oauth.ResponseBodyError, `expected an OAuth error response, got ${String(thrown)}`);
    assert.equal(thrown.error, error, thrown.error_description);
    if (description !== undefined) assert.match(thrown.error_description ?? '', description);
    return true;
  });
}

function without(params: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !names.includes(name)));
}

function pushWith(h: Harness, params: Record<string, string>, by: Partial<TestClient> = {}): Promise<unknown> {
  const client = by.client ?? h.relay.client;
  return withDpopNonceRetry(async () =>
    oauth.processPushedAuthorizationResponse(
      h.as,
      client,
      await oauth.pushedAuthorizationRequest(h.as, client, by.clientAuth ?? h.relay.clientAuth, params, {
        ...(by.dpop === undefined ? {} : { DPoP: by.dpop }),
        ...insecure,
      }),
    ),
  );
}

describe('sandbox: the authorization server enforces the FAPI 2.0 Security Profile', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  /** A consented authorization response, ready for the token request. */
  async function consentedCode(): Promise<{ request: PreparedRequest; callbackUrl: URL }> {
    const request = await prepareRequest();
    return { request, callbackUrl: await consentAndAuthenticate(h, await push(h, request.params), 'yamada-taro', '1234') };
  }

  function exchange(request: PreparedRequest, callbackUrl: URL, options: { codeVerifier?: string; dpop?: oauth.DPoPHandle }) {
    return withDpopNonceRetry(async () =>
      oauth.processAuthorizationCodeResponse(
        h.as,
        h.relay.client,
        await oauth.authorizationCodeGrantRequest(
          h.as,
          h.relay.client,
          h.relay.clientAuth,
          oauth.validateAuthResponse(h.as, h.relay.client, callbackUrl, request.state),
          REDIRECT_URI,
          options.codeVerifier ?? request.codeVerifier,
          { ...(options.dpop === undefined ? {} : { DPoP: options.dpop }), ...insecure },
        ),
        { expectedNonce: request.nonce },
      ),
    );
  }

  it('publishes the profile in its metadata', () => {
    assert.equal(h.as.require_pushed_authorization_requests, true);
    assert.equal(h.as.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(h.as.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(h.as.token_endpoint_auth_methods_supported, ['private_key_jwt']);
    assert.deepEqual(h.as.token_endpoint_auth_signing_alg_values_supported, ['ES256', 'PS256', 'EdDSA']);
    assert.deepEqual(h.as.dpop_signing_alg_values_supported, ['ES256', 'PS256', 'EdDSA']);
    assert.deepEqual(h.as.authorization_details_types_supported, ['myna_selfinfo']);
    assert.deepEqual(h.as.response_types_supported, ['code']);
  });

  it('refuses an authorization request that was not pushed', async () => {
    const { params } = await prepareRequest();
    const url = new URL(h.as.authorization_endpoint!);
    for (const [name, value] of Object.entries({ client_id: h.relay.client.client_id, ...params })) url.searchParams.set(name, value);
    const refused = callback(await new Browser(h.url).open(url));
    assert.equal(refused.searchParams.get('error'), 'invalid_request');
    assert.equal(refused.searchParams.get('error_description'), 'Pushed Authorization Request must be used');
    assert.equal(refused.searchParams.get('code'), null);
    assert.equal(refused.searchParams.get('iss'), h.url);
  });

  it('asks for a DPoP nonce before accepting a pushed request', async () => {
    const { dpop } = await newDpop(h.relay.client);
    const { params } = await prepareRequest();
    const response = await oauth.pushedAuthorizationRequest(h.as, h.relay.client, h.relay.clientAuth, params, { DPoP: dpop, ...insecure });
    await assert.rejects(oauth.processPushedAuthorizationResponse(h.as, h.relay.client, response), (error) => oauth.isDPoPNonceError(error));
  });

  it('refuses a pushed request without a DPoP proof (the code must be DPoP-bound)', async () => {
    const { params } = await prepareRequest();
    await rejects(pushWith(h, params), 'invalid_request', /DPoP proof is required/);
  });

  it('refuses a pushed request without PKCE or with plain PKCE', async () => {
    const { params } = await prepareRequest();
    await rejects(pushWith(h, without(params, 'code_challenge', 'code_challenge_method'), { dpop: h.relay.dpop }), 'invalid_request', /requires PKCE/);
    await rejects(pushWith(h, { ...params, code_challenge_method: 'plain' }, { dpop: h.relay.dpop }), 'invalid_request', /code_challenge_method/);
  });

  it('requires state and nonce', async () => {
    const { params } = await prepareRequest();
    await rejects(pushWith(h, without(params, 'state'), { dpop: h.relay.dpop }), 'invalid_request', /state is required/);
    await rejects(pushWith(h, without(params, 'nonce'), { dpop: h.relay.dpop }), 'invalid_request', /nonce is required/);
  });

  it('requires an exactly registered redirect URI', async () => {
    const { params } = await prepareRequest();
    await rejects(pushWith(h, { ...params, redirect_uri: `${REDIRECT_URI}/` }, { dpop: h.relay.dpop }), 'invalid_request', /redirect_uri/);
  });

  it('validates the myna_selfinfo authorization details against the catalog and the contract', async () => {
    const withDetails = async (details: unknown[]) => ({ ...(await prepareRequest()).params, authorization_details: JSON.stringify(details) });
    await rejects(pushWith(h, await withDetails([detailFor(['localTax.nope'])]), { dpop: h.relay.dpop }), 'invalid_authorization_details', /unknown catalog key "localTax.nope"/);
    await rejects(
      pushWith(h, await withDetails([detailFor(['localTax'], { method: 'range', from: '2025-01-01', to: '2024-01-01' })]), { dpop: h.relay.dpop }),
      'invalid_authorization_details',
      /query.to/,
    );
    await rejects(pushWith(h, await withDetails([detailFor(['localTax'], { method: 'at', at: '2025-13-01' })]), { dpop: h.relay.dpop }), 'invalid_authorization_details');
    await rejects(pushWith(h, await withDetails([{ ...detailFor(['localTax']), purpose: '' }]), { dpop: h.relay.dpop }), 'invalid_authorization_details', /purpose/);
    await rejects(
      pushWith(h, await withDetails([detailFor(['localTax']), detailFor(['household'])]), { dpop: h.relay.dpop }),
      'invalid_authorization_details',
      /exactly one/,
    );
    await rejects(pushWith(h, await withDetails([{ ...detailFor(['localTax']), type: 'payment_initiation' }]), { dpop: h.relay.dpop }), 'invalid_authorization_details');
  });

  it('refuses client secrets and unknown clients', async () => {
    const { params } = await prepareRequest();
    await rejects(pushWith(h, params, { clientAuth: oauth.ClientSecretPost('secret'), dpop: h.relay.dpop }), 'invalid_client');
    await rejects(pushWith(h, params, { clientAuth: oauth.ClientSecretBasic('secret'), dpop: h.relay.dpop }), 'invalid_client');
    const stranger: oauth.Client = { client_id: 'stranger' };
    await rejects(pushWith(h, params, { client: stranger, clientAuth: h.relay.clientAuth, dpop: h.relay.dpop }), 'invalid_client');
  });

  it('refuses a client assertion signed by another client’s key', async () => {
    const { params } = await prepareRequest();
    await rejects(pushWith(h, params, { clientAuth: h.other.clientAuth, dpop: h.relay.dpop }), 'invalid_client');
  });

  it('returns iss (RFC 9207) and state with the code', async () => {
    const { request, callbackUrl } = await consentedCode();
    assert.equal(callbackUrl.origin + callbackUrl.pathname, REDIRECT_URI);
    assert.equal(callbackUrl.searchParams.get('iss'), h.url);
    assert.equal(callbackUrl.searchParams.get('state'), request.state);
    assert.ok(callbackUrl.searchParams.get('code'));
  });

  it('refuses a wrong code_verifier', async () => {
    const { request, callbackUrl } = await consentedCode();
    await rejects(exchange(request, callbackUrl, { codeVerifier: oauth.generateRandomCodeVerifier(), dpop: h.relay.dpop }), 'invalid_grant');
  });

  // oidc-provider keeps the reason of an invalid_grant to itself; the happy path shows the rest is right.
  it('refuses a token request without a DPoP proof', async () => {
    const { request, callbackUrl } = await consentedCode();
    await rejects(exchange(request, callbackUrl, {}), 'invalid_grant');
  });

  it('refuses a token request whose DPoP key is not the one the code is bound to', async () => {
    const { request, callbackUrl } = await consentedCode();
    const { dpop } = await newDpop(h.relay.client);
    await rejects(exchange(request, callbackUrl, { dpop }), 'invalid_grant');
  });

  it('redeems a code once only', async () => {
    const { request, callbackUrl } = await consentedCode();
    await exchangeCode(h, request, callbackUrl);
    await rejects(exchange(request, callbackUrl, { dpop: h.relay.dpop }), 'invalid_grant');
  });
});
