import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.js';
import type { MailContent } from './mail.js';

export interface OutgoingMail extends MailContent {
  to: string;
  /** Stable per registration, so a copy sent again after a crash is recognisable as the same mail. */
  messageId: string;
}

/** Why a mail did not leave; `permanent` (a 5xx answer) means trying again will not help. */
export class MailDeliveryError extends Error {
  readonly permanent: boolean;
  /** SMTP reply code or a transport error code; never the server's text (it may quote the address). */
  readonly code: string;
  constructor(permanent: boolean, code: string) {
    super(`mail not delivered (${code})`);
    this.name = 'MailDeliveryError';
    this.permanent = permanent;
    this.code = code;
  }
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** nodemailer over SMTP (one connection per mail; the relay sends few). */
export function createSmtpMailer(smtp: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.auth === null ? {} : { auth: { user: smtp.auth.user, pass: smtp.auth.pass } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  return {
    async send(mail) {
      let info: { rejected?: unknown[] };
      try {
        info = (await transport.sendMail({
          from: smtp.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        })) as { rejected?: unknown[] };
      } catch (error) {
        throw deliveryError(error);
      }
      if ((info.rejected?.length ?? 0) > 0) throw new MailDeliveryError(true, 'rejected');
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Only the recipient refused for good (5xx to RCPT TO) is permanent. Everything else — refused
 * connections, timeouts, 4xx, and 5xx to other commands, which usually mean a configuration
 * problem (authentication, TLS, a sender the server does not accept) — is retried, so a
 * misconfigured relay never throws registrations away.
 */
function deliveryError(error: unknown): MailDeliveryError {
  const { responseCode, code, command } = (error ?? {}) as { responseCode?: unknown; code?: unknown; command?: unknown };
  if (typeof responseCode === 'number') {
    const permanent = responseCode >= 500 && responseCode < 600 && command === 'RCPT TO';
    return new MailDeliveryError(permanent, String(responseCode));
  }
  return new MailDeliveryError(false, typeof code === 'string' ? code : 'unknown');
}
