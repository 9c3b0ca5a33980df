import { z } from 'zod';
import { availabilityFor } from '../availability.js';
import type { Logger } from '../log.js';
import { startPeriodic } from '../periodic.js';
import type { RegistrationRecord } from '../store/types.js';
import { DAY_MS } from '../../domain/japan-time.js';
import { CONTACT_PURPOSE, type FallbackContext } from './context.js';
import { composeFallbackMail } from './mail.js';
import { MailDeliveryError, type Mailer } from './mailer.js';
import { ResumeTokens } from './resume-token.js';

export interface MailWorkerOptions {
  /** How often due registrations are looked for; default 1000 ms. */
  intervalMs?: number;
  /** Rows taken per round; default 20. */
  batchSize?: number;
}

export interface MailWorker {
  /** One round: purge, then send what is due. Rounds never overlap. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Real time a worker holds a row while it sends; longer than any SMTP timeout. */
const LEASE_MS = 2 * 60_000;
/** First retry after an SMTP failure; doubles up to MAX_BACKOFF_MS (relay clock). */
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** While the linked retrieval may still succeed, look again this often. */
const FLOW_RECHECK_MS = 30_000;

const contactSchema = z.object({ email: z.string() });

/**
 * Sends the fallback mails from the relay process. A row is leased in a transaction before its
 * mail leaves and marked sent right after, so one registration is mailed once even with several
 * workers (a copy can only repeat if the process dies between the SMTP server's acceptance and
 * that commit; it then carries the same Message-ID). Failures are retried with backoff until the
 * retention ends.
 */
export function startMailWorker(context: FallbackContext, mailer: Mailer, log: Logger, options: MailWorkerOptions = {}): MailWorker {
  const tokens = new ResumeTokens(context.signing, context.publicUrl);
  const batchSize = options.batchSize ?? 20;
  let stopped = false;

  const round = async () => {
    const { registrations } = context;
    await registrations.purgeRegistrations(context.now());
    const realNow = context.realNow();
    const due = await registrations.claimDueRegistrations(context.now(), realNow, realNow + LEASE_MS, batchSize);
    for (const registration of due) {
      if (stopped) break;
      try {
        await deliver(context, mailer, tokens, log, registration);
      } catch (error) {
        // Unexpected (store, keys): leave the lease to expire and try again later.
        log('error', 'fallback mail round failed', { registrationId: registration.id, error: (error as Error).name });
      }
    }
  };

  const job = startPeriodic(round, options.intervalMs ?? 1000, log, 'fallback worker failed');
  return {
    tick: job.tick,
    async stop() {
      stopped = true;
      await job.stop();
      mailer.close();
    },
  };
}

async function deliver(context: FallbackContext, mailer: Mailer, tokens: ResumeTokens, log: Logger, registration: RegistrationRecord): Promise<void> {
  const { registrations } = context;
  const now = context.now();
  const later = async (sendAt: number) => {
    await registrations.rescheduleRegistration(registration.id, sendAt);
  };

  // Linked to a retrieval still under way: wait for it; if it succeeded after all, no mail is needed.
  if (registration.flowId !== null) {
    const flow = await context.flows.get(registration.flowId);
    if (flow?.status === 'redeemed') {
      await registrations.deleteRegistration(registration.id);
      log('info', 'fallback superseded', { registrationId: registration.id });
      return;
    }
    if (flow !== undefined && ['created', 'launched', 'exchanging', 'pending'].includes(flow.status) && flow.expiresAt > now) {
      return later(Math.min(flow.expiresAt, now + FLOW_RECHECK_MS));
    }
  }

  const answer = availabilityFor(context, registration.items, now);
  if (!answer.available) {
    return later(answer.nextAvailableAt === null ? now + DAY_MS : Date.parse(answer.nextAvailableAt));
  }
  if (registration.sealedContact === null) {
    await registrations.deleteRegistration(registration.id);
    return;
  }
  const { email } = contactSchema.parse(
    await context.sealer.unseal(registration.sealedContact, { rowId: registration.id, purpose: CONTACT_PURPOSE }),
  );
  const linkExpiresAt = Math.min(now + context.resumeTtlDays * DAY_MS, registration.retainUntil);
  const token = await tokens.sign({ registrationId: registration.id, lang: registration.lang }, now, linkExpiresAt);
  const content = composeFallbackMail({
    lang: registration.lang,
    serviceName: context.serviceName,
    items: registration.items,
    link: tokens.link(token),
    linkExpiresAt,
  });
  const host = new URL(context.publicUrl).hostname.replace(/^\[|\]$/g, '') || 'relay';
  try {
    await mailer.send({ ...content, to: email, messageId: `<fallback.${registration.id}@${host}>` });
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    if (error.permanent) {
      await registrations.deleteRegistration(registration.id);
      log('warn', 'fallback mail undeliverable', { registrationId: registration.id, code: error.code });
      return;
    }
    const backoff = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, registration.attempts - 1), MAX_BACKOFF_MS);
    log('warn', 'fallback mail failed, will retry', { registrationId: registration.id, code: error.code, attempts: registration.attempts });
    return later(now + backoff);
  }
  await registrations.markRegistrationSent(registration.id, now, linkExpiresAt);
  log('info', 'fallback mail sent', { registrationId: registration.id, attempts: registration.attempts });
}
