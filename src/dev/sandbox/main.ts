/** Runs the sandbox alone: `tsx src/dev/sandbox/main.ts`. Every setting has a development default. */
import { splitList } from '../../domain/text.js';
import { createServer } from 'node:http';
import { z } from 'zod';
import { parseScheduleOverridesJson, type ScheduleOverrides } from '../../domain/schedule/index.js';
import { createSandboxClock, withDevClock } from './dev-clock.js';
import { DEFAULT_DATA_DIR, DEFAULT_SLOW_DELAY_MS } from './options.js';
import { withRequestLog } from './request-log.js';
import { createSandbox } from './sandbox.js';
import { scheduleAvailability } from './schedule-hook.js';

const httpUrl = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65_535).default(8788),
  SANDBOX_HOST: z.string().min(1).default('localhost'),
  /** Defaults to http://localhost:<SANDBOX_PORT>. */
  SANDBOX_ISSUER: httpUrl.optional(),
  SANDBOX_CLIENT_ID: z.string().min(1).default('myna-relay-dev'),
  SANDBOX_CLIENT_JWKS_URI: httpUrl.default('http://localhost:8787/.well-known/jwks.json'),
  /** Comma-separated; each is matched exactly. */
  SANDBOX_CLIENT_REDIRECT_URIS: z
    .string()
    .default('http://localhost:8787/v1/flows/callback')
    .transform(splitList)
    .pipe(z.array(httpUrl).min(1)),
  SANDBOX_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  SANDBOX_SLOW_DELAY_MS: z.coerce.number().int().min(0).default(DEFAULT_SLOW_DELAY_MS),
  /** An instant the sandbox's clock starts at (then runs forward); unset: real time. */
  SANDBOX_CLOCK: z.iso.datetime({ offset: true }).optional(),
  /** 1: `POST /dev/clock` moves the clock (development only; npm start sets it). */
  SANDBOX_DEV_ROUTES: z.enum(['0', '1']).default('0'),
  /** Comma-separated origins that may call `/dev/clock` (besides the sandbox's own). */
  SANDBOX_DEV_ORIGINS: z
    .string()
    .default('http://localhost:5173,http://127.0.0.1:5173')
    .transform(splitList),
  /** Operating-hours overrides, the same JSON as the relay's RELAY_SCHEDULE_OVERRIDES. */
  SANDBOX_SCHEDULE_OVERRIDES: z
    .string()
    .optional()
    .transform((value, context): ScheduleOverrides | undefined => {
      if (value === undefined || value.trim() === '') return undefined;
      try {
        return parseScheduleOverridesJson(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message.replace(/\s*\n\s*/g, ' ') });
        return z.NEVER;
      }
    }),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`sandbox: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;
const clock = createSandboxClock(env.SANDBOX_CLOCK === undefined ? null : Date.parse(env.SANDBOX_CLOCK));
const issuer = env.SANDBOX_ISSUER ?? `http://localhost:${env.SANDBOX_PORT}`;

const sandbox = await createSandbox({
  issuer,
  clients: [{ clientId: env.SANDBOX_CLIENT_ID, jwksUri: env.SANDBOX_CLIENT_JWKS_URI, redirectUris: env.SANDBOX_CLIENT_REDIRECT_URIS }],
  dataDir: env.SANDBOX_DATA_DIR,
  slowDelayMs: env.SANDBOX_SLOW_DELAY_MS,
  // Operating hours from the schedule engine, on the sandbox's clock.
  availability: scheduleAvailability(env.SANDBOX_SCHEDULE_OVERRIDES),
  now: clock.now,
});

const devRoutes = env.SANDBOX_DEV_ROUTES === '1';
const handler = devRoutes ? withDevClock(sandbox.handler, clock, [...env.SANDBOX_DEV_ORIGINS, sandbox.issuer]) : sandbox.handler;
const server = createServer(withRequestLog(handler, (entry) => console.log(JSON.stringify(entry))));
server.listen(env.SANDBOX_PORT, env.SANDBOX_HOST, () => {
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      message: 'sandbox listening',
      issuer: sandbox.issuer,
      ...(env.SANDBOX_CLOCK === undefined ? {} : { clock: clock.now().toISOString() }),
      ...(devRoutes ? { devRoutes: true } : {}),
    }),
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
