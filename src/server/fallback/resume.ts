import { RESUME_FRAGMENT } from '../../protocol/index.js';
import { z } from 'zod';
import type { MailLanguage } from '../store/types.js';
import { RETURN_PURPOSE, type FallbackContext } from './context.js';
import type { ResumeTokens } from './resume-token.js';

export type ResumeOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: 404 | 410; reason: 'invalid' | 'expired' | 'used' | 'gone'; lang: MailLanguage };

const returnSchema = z.object({ returnUrl: z.string() });

/**
 * Follows a resume link once: marks the registration used (dropping its return URL) and sends the
 * browser back to the form with `#myna-resume=1`. A used, expired or purged link is refused.
 */
export async function resume(context: FallbackContext, tokens: ResumeTokens, token: string): Promise<ResumeOutcome> {
  const now = context.now();
  const check = await tokens.check(token, now);
  if (check.kind === 'invalid') return { kind: 'refused', status: 404, reason: 'invalid', lang: 'ja' };
  if (check.kind === 'expired') return { kind: 'refused', status: 410, reason: 'expired', lang: check.lang };
  const { registrationId, lang } = check.claims;
  const registration = await context.registrations.getRegistration(registrationId);
  if (registration === undefined) return { kind: 'refused', status: 410, reason: 'gone', lang };
  if (registration.status === 'used' || registration.sealedReturn === null) return { kind: 'refused', status: 410, reason: 'used', lang };
  const { returnUrl } = returnSchema.parse(
    await context.sealer.unseal(registration.sealedReturn, { rowId: registration.id, purpose: RETURN_PURPOSE }),
  );
  if (!(await context.registrations.markRegistrationUsed(registration.id, now, check.expiresAt))) {
    return { kind: 'refused', status: 410, reason: 'used', lang };
  }
  return { kind: 'redirect', location: `${returnUrl}#${RESUME_FRAGMENT}=1` };
}
