import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose';
import { SIGNING_ALGORITHMS } from '../protocol.js';

/** How old a proof may be, and how far ahead a client clock may run (seconds). */
const MAX_PROOF_AGE = 60;
const CLOCK_TOLERANCE = 5;

export interface ProofCheck {
  proof: string | undefined;
  method: string;
  /** The request URL without query or fragment. */
  url: string;
  accessToken: string;
  /** `cnf.jkt` of the access token: the proof must be signed by that key. */
  boundThumbprint: string;
}

export type ProofResult = { ok: true } | { ok: false; reason: string };

/** RFC 9449 section 4.3 checks of a DPoP proof at the resource server; each `jti` is accepted once. */
export class DpopProofVerifier {
  /** `thumbprint:jti` → when it may be forgotten (ms); proofs older than that fail the age check anyway. */
  readonly #seen = new Map<string, number>();

  async verify(check: ProofCheck): Promise<ProofResult> {
    if (check.proof === undefined || check.proof === '') return { ok: false, reason: 'DPoP proof missing' };
    let payload;
    let thumbprint;
    try {
      const verified = await jwtVerify(check.proof, EmbeddedJWK, {
        typ: 'dpop+jwt',
        algorithms: [...SIGNING_ALGORITHMS],
        maxTokenAge: MAX_PROOF_AGE,
        clockTolerance: CLOCK_TOLERANCE,
      });
      payload = verified.payload;
      thumbprint = await calculateJwkThumbprint(verified.protectedHeader.jwk ?? {});
    } catch (error) {
      return { ok: false, reason: `DPoP proof rejected: ${(error as Error).message}` };
    }
    if (typeof payload.jti !== 'string' || payload.jti === '') return { ok: false, reason: 'DPoP proof jti missing' };
    if (payload.htm !== check.method) return { ok: false, reason: 'DPoP proof htm mismatch' };
    if (typeof payload.htu !== 'string' || stripQuery(payload.htu) !== check.url) return { ok: false, reason: 'DPoP proof htu mismatch' };
    if (payload.ath !== createHash('sha256').update(check.accessToken).digest('base64url')) {
      return { ok: false, reason: 'DPoP proof ath mismatch' };
    }
    if (thumbprint !== check.boundThumbprint) return { ok: false, reason: 'DPoP proof key does not match the access token binding' };
    return this.#firstUse(`${thumbprint}:${payload.jti}`) ? { ok: true } : { ok: false, reason: 'DPoP proof replayed' };
  }

  #firstUse(key: string): boolean {
    const now = Date.now();
    for (const [seenKey, forgetAt] of this.#seen) {
      if (forgetAt <= now) this.#seen.delete(seenKey);
    }
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, now + (MAX_PROOF_AGE + 2 * CLOCK_TOLERANCE) * 1000);
    return true;
  }
}

function stripQuery(url: string): string | undefined {
  const parsed = URL.parse(url);
  if (parsed === null) return undefined;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}
