import { randomBytes } from 'node:crypto';
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC, type UnknownObject } from 'oidc-provider';
import { parseSelfinfoDetail, SELFINFO_DETAIL_TYPE } from './authorization-details.js';
import type { SandboxKeys } from './keys.js';
import type { SandboxClient } from './options.js';
import { personaById } from './personas.js';
import { INTERACTION_PATH, SELFINFO_SCOPE, SIGNING_ALGORITHMS, TTL, selfinfoResource } from './protocol.js';
import { pairwiseSubject } from './subject.js';
import { failurePage } from './views/failure-page.js';
import { screenHeaders } from './http.js';

export interface ProviderSetup {
  issuer: string;
  clients: readonly SandboxClient[];
  keys: SandboxKeys;
  /** Default TTL.authorizationCode. */
  authorizationCodeTtlSeconds?: number | undefined;
}

function clientMetadata(client: SandboxClient): UnknownObject {
  return {
    client_id: client.clientId,
    redirect_uris: client.redirectUris,
    ...(client.jwks === undefined ? {} : { jwks: client.jwks }),
    ...(client.jwksUri === undefined ? {} : { jwks_uri: client.jwksUri }),
    token_endpoint_auth_method: 'private_key_jwt',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    subject_type: 'pairwise',
    id_token_signed_response_alg: 'ES256',
    require_pushed_authorization_requests: true,
    dpop_bound_access_tokens: true,
    authorization_details_types: [SELFINFO_DETAIL_TYPE],
  };
}

function requireParameter(name: string) {
  return (_ctx: KoaContextWithOIDC, value: string | undefined): void => {
    if (value === undefined || value === '') throw new errors.InvalidRequest(`${name} is required`);
  };
}

/**
 * oidc-provider fills `dpop_jkt` at the PAR endpoint from the DPoP proof (or takes it as sent):
 * without it the code would not be bound to the client's DPoP key.
 */
function requireDpopBoundCode(ctx: KoaContextWithOIDC, value: string | undefined): void {
  if (ctx.oidc.route === 'pushed_authorization_request' && (value === undefined || value === '')) {
    throw new errors.InvalidRequest('a DPoP proof is required: the authorization code must be bound to a DPoP key');
  }
}

function validateSelfinfoDetail(ctx: KoaContextWithOIDC, detail: UnknownObject): void {
  const all: unknown = JSON.parse(ctx.oidc.params.authorization_details ?? '[]');
  if (!Array.isArray(all) || all.length !== 1) {
    throw new errors.InvalidAuthorizationDetails(`exactly one ${SELFINFO_DETAIL_TYPE} authorization detail is expected`);
  }
  const parsed = parseSelfinfoDetail(detail);
  if (!parsed.ok) throw new errors.InvalidAuthorizationDetails(parsed.message);
}

/** Every request needs the card and PIN: an earlier session must not skip that step. */
function cardEveryTimePolicy(): interactionPolicy.Policy {
  const policy = interactionPolicy.base();
  policy.remove('login');
  policy.add(
    new interactionPolicy.Prompt(
      { name: 'login', requestable: true },
      new interactionPolicy.Check('card_required', 'My Number card authentication is required for every request', (ctx) =>
        ctx.oidc.result?.login === undefined ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    ),
    0,
  );
  return policy;
}

/**
 * oidc-provider fetches through a dispatcher that refuses loopback and private addresses (SSRF
 * guard). The only URLs it fetches here are the configured clients' jwks_uri — operator
 * configuration, not request input — and in development the relay is on localhost.
 */
function fetchConfiguredJwks(clients: readonly SandboxClient[]): typeof fetch {
  const configured = new Set(clients.flatMap((client) => (client.jwksUri === undefined ? [] : [new URL(client.jwksUri).href])));
  return (url, init) => {
    const href = url instanceof Request ? url.url : String(url);
    return fetch(url, configured.has(href) ? { ...init, dispatcher: undefined } as RequestInit : init);
  };
}

/** The certified authorization server, configured to the FAPI 2.0 Security Profile. */
export function createProvider({ issuer, clients, keys, authorizationCodeTtlSeconds = TTL.authorizationCode }: ProviderSetup): Provider {
  const resource = selfinfoResource(issuer);
  const configuration: Configuration = {
    fetch: fetchConfiguredJwks(clients),
    clients: clients.map(clientMetadata),
    jwks: { keys: [keys.signingJwk] },
    // Sessions need not survive a restart, so the cookie keys are per process.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    async findAccount(_ctx, sub) {
      const persona = personaById(sub);
      return persona === undefined ? undefined : { accountId: persona.id, claims: () => ({ sub: persona.id }) };
    },
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(keys.pairwiseSalt, client.sectorIdentifier ?? client.clientId, accountId),
    scopes: ['openid'],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    clientAuthMethods: ['private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: [...SIGNING_ALGORITHMS],
      dPoPSigningAlgValues: [...SIGNING_ALGORITHMS],
      idTokenSigningAlgValues: ['ES256'],
    },
    pkce: { required: () => true },
    extraParams: {
      state: requireParameter('state'),
      nonce: requireParameter('nonce'),
      dpop_jkt: requireDpopBoundCode,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      userinfo: { enabled: false },
      fapi: { enabled: true, profile: '2.0' },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
      dPoP: { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        getResourceServerInfo(_ctx: KoaContextWithOIDC, indicator: string) {
          if (indicator !== resource) throw new errors.InvalidTarget(`the only resource is ${resource}`);
          return { scope: SELFINFO_SCOPE, accessTokenFormat: 'opaque', accessTokenTTL: TTL.accessToken };
        },
      },
      richAuthorizationRequests: {
        enabled: true,
        types: { [SELFINFO_DETAIL_TYPE]: { validate: validateSelfinfoDetail } },
        // The grant holds exactly what the person consented to on the screen.
        authorizationDetailsForGrantSource: (ctx: KoaContextWithOIDC) => ctx.oidc.grant?.rar,
        authorizationDetailsForAccessToken: (_ctx: KoaContextWithOIDC, _token: unknown, source: { rar?: UnknownObject[] }) => source.rar,
      },
    },
    interactions: {
      policy: cardEveryTimePolicy(),
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    ttl: {
      AuthorizationCode: authorizationCodeTtlSeconds,
      AccessToken: TTL.accessToken,
      IdToken: TTL.idToken,
      Interaction: TTL.interaction,
      Session: TTL.interaction,
      Grant: TTL.accessToken,
    },
    expiresWithSession: () => false,
    renderError(ctx, out) {
      ctx.set(screenHeaders([]));
      ctx.body = failurePage('ja', out.error_description ?? out.error ?? 'error');
    },
  };
  return new Provider(issuer, configuration);
}
