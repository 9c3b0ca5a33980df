/** `tsx src/dev/mail-catcher/main.ts`: the development mail catcher (npm start runs it). */
import { z } from 'zod';
import { startMailCatcher } from './catcher.js';

const envSchema = z.object({
  MAIL_CATCHER_HOST: z.string().min(1).default('127.0.0.1'),
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).default(2525),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(8025),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`mail-catcher: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;
const log = (message: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), message, ...fields }));

try {
  const catcher = await startMailCatcher({
    host: env.MAIL_CATCHER_HOST,
    smtpPort: env.MAIL_CATCHER_SMTP_PORT,
    httpPort: env.MAIL_CATCHER_HTTP_PORT,
    onMail: (mail) => log('mail caught', { id: mail.id }),
  });
  log('mail catcher listening', { smtpPort: catcher.smtpPort, httpPort: catcher.httpPort, url: catcher.url });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      catcher.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  console.error(`mail-catcher: ${(error as Error).message}`);
  process.exit(1);
}
