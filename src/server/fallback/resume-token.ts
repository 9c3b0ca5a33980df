import { decodeJwt, errors, importJWK, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import type { RelayKeys } from '../keys.js';
import type { MailLanguage } from '../store/types.js';

export const RESUME_PATH = '/v1/resume';
const TOKEN_TYPE = 'myna-resume+jwt';

export interface ResumeClaims {
  registrationId: string;
  lang: MailLanguage;
}

export type ResumeCheck =
  | { kind: 'valid'; claims: ResumeClaims; expiresAt: number }
  | { kind: 'expired'; lang: MailLanguage }
  | { kind: 'invalid' };

/**
 * The resume link's token: a JWS signed with the relay's key (its own `typ` and audience, so it
 * is never mistaken for a client assertion), naming the registration and expiring with the link.
 * Single use is enforced by the registration's status, not by the token.
 */
export class ResumeTokens {
  readonly #signing: RelayKeys['signing'];
  readonly #issuer: string;
  readonly #audience: string;
  #publicKey: Promise<CryptoKey | Uint8Array> | undefined;

  constructor(signing: RelayKeys['signing'], publicUrl: string) {
    this.#signing = signing;
    this.#issuer = publicUrl;
    this.#audience = `${publicUrl}${RESUME_PATH}`;
  }

  link(token: string): string {
    return `${this.#audience}/${token}`;
  }

  sign(claims: ResumeClaims, issuedAt: number, expiresAt: number): Promise<string> {
    return new SignJWT({ lang: claims.lang })
      .setProtectedHeader({ alg: this.#signing.alg, kid: this.#signing.kid, typ: TOKEN_TYPE })
      .setIssuer(this.#issuer)
      .setAudience(this.#audience)
      .setSubject(claims.registrationId)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.#signing.privateKey);
  }

  async check(token: string, now: number): Promise<ResumeCheck> {
    if (token.length > 4096 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { kind: 'invalid' };
    this.#publicKey ??= importJWK(this.#signing.publicJwk, this.#signing.alg);
    try {
      const { payload } = await jwtVerify(token, await this.#publicKey, {
        issuer: this.#issuer,
        audience: this.#audience,
        typ: TOKEN_TYPE,
        algorithms: [this.#signing.alg],
        currentDate: new Date(now),
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return { kind: 'invalid' };
      return { kind: 'valid', claims: { registrationId: payload.sub, lang: languageOf(payload['lang']) }, expiresAt: payload.exp * 1000 };
    } catch (error) {
      // Only a correctly signed token is reported as expired (jose checks the signature first).
      if (error instanceof errors.JWTExpired) return { kind: 'expired', lang: languageOf(decodeJwt(token)['lang']) };
      return { kind: 'invalid' };
    }
  }
}

function languageOf(value: unknown): MailLanguage {
  return value === 'en' ? 'en' : 'ja';
}
