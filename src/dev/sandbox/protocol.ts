/** Algorithms accepted for client assertions and DPoP proofs (FAPI 2.0 Security Profile, 5.4). */
export const SIGNING_ALGORITHMS = ['ES256', 'PS256', 'EdDSA'] as const;

/** Resource-server scope of the self-information API. */
export const SELFINFO_SCOPE = 'selfinfo';

export const SELFINFO_PATH = '/selfinfo/v1';
export const INTERACTION_PATH = '/interaction';
export const ASSETS_PATH = '/sandbox-assets';

/** Resource indicator (RFC 8707) of the self-information API; clients need not send it. */
export function selfinfoResource(issuer: string): string {
  return `${issuer}${SELFINFO_PATH}`;
}

/** Lifetimes, in seconds. */
export const TTL = {
  authorizationCode: 60,
  interaction: 15 * 60,
  accessToken: 15 * 60,
  idToken: 10 * 60,
  /** Results are kept this long after the request (contract: 10 minutes). */
  result: 10 * 60,
} as const;
