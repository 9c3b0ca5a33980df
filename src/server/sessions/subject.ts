import { createHmac } from 'node:crypto';
import type { SessionSubject } from '../../protocol/index.js';

/** The card holder's basic attributes (基本4情報) as the portal reports them with the result. */
export interface Holder {
  name?: string | undefined;
  nameKana?: string | undefined;
  birthDate?: string | undefined;
}

/** NFKC (full-width and half-width forms alike), no spaces of any width, hiragana read as katakana. */
function normalise(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[\u3041-\u3096]/gu, (kana) => String.fromCharCode(kana.charCodeAt(0) + 0x60));
}

/**
 * Whether every attribute the provider gave matches the holder's. An attribute the portal did not
 * report cannot be shown to match, so it counts as a mismatch: nothing is released unverified.
 */
export function subjectMatches(subject: SessionSubject, holder: Holder | undefined): boolean {
  const checks = (['name', 'nameKana', 'birthDate'] as const).filter((key) => subject[key] !== undefined);
  // Every given attribute is compared, without stopping at the first difference.
  return checks.map((key) => holder?.[key] !== undefined && normalise(subject[key]!) === normalise(holder[key]!)).every(Boolean);
}

/**
 * The `sub` a provider sees: HMAC of the portal's subject under the relay's secret, per client.
 * Stable for one citizen and one provider, unlinkable across providers, never the portal's id.
 */
export function pairwiseSubject(secret: Buffer, clientId: string, portalSubject: string): string {
  return createHmac('sha256', secret).update(`${clientId}\n${portalSubject}`, 'utf8').digest('base64url');
}
