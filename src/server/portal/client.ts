import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from 'jose';
import * as oauth from 'oauth4webapi';
import { isLoopbackUrl } from '../config.js';
import type { RelayKeys } from '../keys.js';
import type { FlowQuery } from '../query.js';
import type { DpopKeyPair } from './dpop-keys.js';
import { PortalError } from './errors.js';
import { parsePollResponse, parseUnavailable, type SelfInfoPoll, type SelfInfoStart } from './selfinfo-responses.js';

export interface PortalClientOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  signing: RelayKeys['signing'];
  /** Replaces global fetch for every portal call (tests intercept with it). */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** What the relay asks for, as RFC 9396 authorization details (portal protocol). */
export interface SelfInfoAuthorizationDetail {
  type: 'myna_selfinfo';
  items: string[];
  query: FlowQuery;
  purpose: string;
  service: string;
}

export interface PortalClient {
  /** The discovered metadata; discovery is retried on the next call after a failure. */
  metadata(): Promise<oauth.AuthorizationServer>;
  pushAuthorizationRequest(input: {
    state: string;
    nonce: string;
    codeVerifier: string;
    dpop: DpopKeyPair;
    details: SelfInfoAuthorizationDetail;
  }): Promise<{ authorizationUrl: string }>;
  /** Checks `iss` (exact, required) and `state`; an error response throws oauth.AuthorizationResponseError. */
  validateCallback(parameters: URLSearchParams, expectedState: string): Promise<URLSearchParams>;
  exchangeCode(input: {
    callback: URLSearchParams;
    codeVerifier: string;
    nonce: string;
    dpop: DpopKeyPair;
  }): Promise<{ accessToken: string; subject: string }>;
  requestSelfInformation(accessToken: string, dpop: DpopKeyPair): Promise<SelfInfoStart>;
  pollSelfInformation(accessToken: string, processId: string, dpop: DpopKeyPair): Promise<SelfInfoPoll>;
  /** Verifies the result JWS against the portal's JWKS: alg allowlist, typ, iss, aud, sub, exp. */
  verifyResult(jws: string, subject: string): Promise<JWTPayload>;
}

/** DESIGN "Signing": nothing weaker is accepted from the portal either. */
const RESULT_ALGORITHMS = ['ES256', 'PS256', 'EdDSA'];
const RESULT_TYPE = 'myna-selfinfo+jwt';

const SCOPE = 'openid selfinfo';

/**
 * The relay's OAuth 2.0 / OIDC client for the portal, built on oauth4webapi: discovery, PAR,
 * PKCE S256, private_key_jwt, DPoP (nonces honoured by one retry), ID token and `iss` checks.
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const issuerUrl = new URL(options.issuer);
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth = oauth.PrivateKeyJwt({ key: options.signing.privateKey, kid: options.signing.kid });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fetchImpl = options.fetch;
  const httpOptions = () => ({
    signal: AbortSignal.timeout(timeoutMs),
    // Plain http only where config allows it: the loopback development portal.
    ...(issuerUrl.protocol === 'http:' && isLoopbackUrl(issuerUrl) ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(fetchImpl === undefined ? {} : { [oauth.customFetch]: (url: string, init: object) => fetchImpl(url, init as RequestInit) }),
  });

  let discovered: Promise<oauth.AuthorizationServer> | undefined;
  const metadata = (): Promise<oauth.AuthorizationServer> => {
    discovered ??= portalCall('discovery', async () => {
      const response = await oauth.discoveryRequest(issuerUrl, { ...httpOptions(), algorithm: 'oidc' });
      const as = await oauth.processDiscoveryResponse(issuerUrl, response);
      // The contract promises `iss` on every authorization response: require it.
      return { ...as, authorization_response_iss_parameter_supported: true };
    }).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };

  let remoteKeys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const resultKeys = async () => {
    const as = await metadata();
    if (as.jwks_uri === undefined) throw new PortalError('portal-protocol-error', 'No jwks_uri');
    remoteKeys ??= createRemoteJWKSet(new URL(as.jwks_uri), {
      timeoutDuration: timeoutMs,
      ...(options.fetch === undefined ? {} : { [customFetch]: options.fetch }),
    });
    return remoteKeys;
  };

  const selfInfoUrl = (path: string) => new URL(`${options.issuer.replace(/\/$/, '')}/selfinfo/v1/requests${path}`);

  return {
    metadata,

    async pushAuthorizationRequest({ state, nonce, codeVerifier, dpop, details }) {
      const as = await metadata();
      const handle = oauth.DPoP(client, dpop);
      const parameters = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        scope: SCOPE,
        state,
        nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        authorization_details: JSON.stringify([details]),
      });
      const pushed = await portalCall('pushed authorization request', () =>
        withDpopNonceRetry(async () => {
          const response = await oauth.pushedAuthorizationRequest(as, client, clientAuth, parameters, {
            ...httpOptions(),
            DPoP: handle,
          });
          return oauth.processPushedAuthorizationResponse(as, client, response);
        }),
      );
      if (as.authorization_endpoint === undefined) throw new PortalError('portal-protocol-error', 'No authorization_endpoint');
      const authorizationUrl = new URL(as.authorization_endpoint);
      authorizationUrl.searchParams.set('client_id', options.clientId);
      authorizationUrl.searchParams.set('request_uri', pushed.request_uri);
      return { authorizationUrl: authorizationUrl.href };
    },

    async validateCallback(parameters, expectedState) {
      return oauth.validateAuthResponse(await metadata(), client, parameters, expectedState);
    },

    async exchangeCode({ callback, codeVerifier, nonce, dpop }) {
      const as = await metadata();
      const handle = oauth.DPoP(client, dpop);
      const tokens = await portalCall('token request', () =>
        withDpopNonceRetry(async () => {
          const response = await oauth.authorizationCodeGrantRequest(
            as,
            client,
            clientAuth,
            callback,
            options.redirectUri,
            codeVerifier,
            { ...httpOptions(), DPoP: handle },
          );
          return oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
        }),
      );
      const claims = oauth.getValidatedIdTokenClaims(tokens);
      if (claims === undefined) throw new PortalError('portal-protocol-error', 'Token response without an ID token');
      if (tokens.token_type !== 'dpop') throw new PortalError('portal-protocol-error', 'Access token is not DPoP-bound');
      return { accessToken: tokens.access_token, subject: claims.sub };
    },

    async requestSelfInformation(accessToken, dpop) {
      const handle = oauth.DPoP(client, dpop);
      const response = await portalCall('self-information request', () =>
        withDpopNonceRetry(() =>
          oauth.protectedResourceRequest(accessToken, 'POST', selfInfoUrl(''), new Headers(), undefined, {
            ...httpOptions(),
            DPoP: handle,
          }),
        ),
      );
      if (response.status === 503) return parseUnavailable(await readJson(response));
      if (response.status !== 202) throw unexpectedStatus('self-information request', response);
      const body = await readJson(response);
      const processId = (body as { processId?: unknown } | null)?.processId;
      if (typeof processId !== 'string' || processId === '') {
        throw new PortalError('portal-protocol-error', 'Self-information request answered without a processId');
      }
      return { kind: 'accepted', processId };
    },

    async pollSelfInformation(accessToken, processId, dpop) {
      const handle = oauth.DPoP(client, dpop);
      const response = await portalCall('self-information poll', () =>
        withDpopNonceRetry(() =>
          oauth.protectedResourceRequest(accessToken, 'GET', selfInfoUrl(`/${encodeURIComponent(processId)}`), new Headers(), undefined, {
            ...httpOptions(),
            DPoP: handle,
          }),
        ),
      );
      if (response.status !== 200) throw unexpectedStatus('self-information poll', response);
      return parsePollResponse(await readJson(response), processId, response.headers.get('retry-after'));
    },

    async verifyResult(jws, subject) {
      const [as, keys] = await Promise.all([metadata(), resultKeys()]);
      try {
        const { payload } = await jwtVerify(jws, keys, {
          algorithms: RESULT_ALGORITHMS,
          typ: RESULT_TYPE,
          issuer: as.issuer,
          audience: options.clientId,
          subject,
          requiredClaims: ['iat', 'exp'],
        });
        return payload;
      } catch (error) {
        throw new PortalError('result-invalid', `Result signature or claims rejected: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

async function withDpopNonceRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    // The handle has learnt the server's nonce from the failed response; one retry uses it.
    if (oauth.isDPoPNonceError(error)) return attempt();
    throw error;
  }
}

/** Maps transport and protocol failures to PortalError, keeping the cause for the log only. */
async function portalCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PortalError) throw error;
    if (error instanceof oauth.ResponseBodyError) {
      throw new PortalError('portal-refused', `${what}: ${error.error} (${error.error_description ?? 'no description'})`, { cause: error });
    }
    if (error instanceof oauth.WWWAuthenticateChallengeError || error instanceof oauth.OperationProcessingError) {
      throw new PortalError('portal-protocol-error', `${what}: ${error.message}`, { cause: error });
    }
    throw new PortalError('portal-unreachable', `${what}: ${(error as Error).message}`, { cause: error });
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new PortalError('portal-protocol-error', 'Portal answered with something other than JSON', { cause: error });
  }
}

function unexpectedStatus(what: string, response: Response): PortalError {
  return new PortalError(response.status >= 500 ? 'portal-unreachable' : 'portal-protocol-error', `${what}: HTTP ${response.status}`);
}
