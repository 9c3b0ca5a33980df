/** Runs the sandbox alone: `tsx src/sandbox/main.ts`. Every setting has a development default. */
import { createServer } from 'node:http';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, DEFAULT_SLOW_DELAY_MS } from './options.js';
import { withRequestLog } from './request-log.js';
import { createSandbox } from './sandbox.js';

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
    .transform((value) => value.split(',').map((uri) => uri.trim()))
    .pipe(z.array(httpUrl).min(1)),
  SANDBOX_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  SANDBOX_SLOW_DELAY_MS: z.coerce.number().int().min(0).default(DEFAULT_SLOW_DELAY_MS),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`sandbox: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;

const sandbox = await createSandbox({
  issuer: env.SANDBOX_ISSUER ?? `http://localhost:${env.SANDBOX_PORT}`,
  clients: [{ clientId: env.SANDBOX_CLIENT_ID, jwksUri: env.SANDBOX_CLIENT_JWKS_URI, redirectUris: env.SANDBOX_CLIENT_REDIRECT_URIS }],
  dataDir: env.SANDBOX_DATA_DIR,
  slowDelayMs: env.SANDBOX_SLOW_DELAY_MS,
});

const server = createServer(withRequestLog(sandbox.handler, (entry) => console.log(JSON.stringify(entry))));
server.listen(env.SANDBOX_PORT, env.SANDBOX_HOST, () => {
  console.log(JSON.stringify({ time: new Date().toISOString(), message: 'sandbox listening', issuer: sandbox.issuer }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
