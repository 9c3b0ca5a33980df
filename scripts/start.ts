/**
 * `npm start`: the Mynaportal sandbox, the relay, the mail catcher, the demo pages and the demo's
 * provider backend (demo/provider/, on the demo's origin) on one machine, on development defaults. Each server runs as its own process (as in production), its
 * log lines prefixed. The relay and the sandbox get their development clock routes
 * (`POST /v1/dev/clock`, `POST /dev/clock`); `DEMO_CLOCK=<ISO instant>` starts both clocks there.
 *
 * Ports: `RELAY_PORT` (8787), `SANDBOX_PORT` (8788), `MAIL_CATCHER_HTTP_PORT` (8025),
 * `MAIL_CATCHER_SMTP_PORT` (2525), `DEMO_PORT` (5173). The servers are wired to each other on
 * them, and the demo pages, which name the default URLs, are served with the actual ones.
 * `DEMO_VITE_CACHE_DIR` moves the demo server's Vite cache (default node_modules/.vite).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createServer, type Plugin } from 'vite';
import { demoProvider } from '../demo/provider/backend.js';
import { DEV_API_KEY, DEV_CLIENT_ID } from '../src/server/config.js';

/** A port from the environment, or its development default. */
function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`${name}: expected a port number (1-65535), got "${raw}"`);
    process.exit(1);
  }
  return port;
}

const RELAY_PORT = portFrom('RELAY_PORT', 8787);
const SANDBOX_PORT = portFrom('SANDBOX_PORT', 8788);
const MAIL_HTTP_PORT = portFrom('MAIL_CATCHER_HTTP_PORT', 8025);
const MAIL_SMTP_PORT = portFrom('MAIL_CATCHER_SMTP_PORT', 2525);
const DEMO_PORT = portFrom('DEMO_PORT', 5173);
const SANDBOX_URL = `http://localhost:${SANDBOX_PORT}`;
const RELAY_URL = `http://localhost:${RELAY_PORT}`;
const MAIL_CATCHER_URL = `http://127.0.0.1:${MAIL_HTTP_PORT}`;
const DEMO_ORIGINS = [`http://localhost:${DEMO_PORT}`, `http://127.0.0.1:${DEMO_PORT}`];
const DEMO_CLOCK = process.env.DEMO_CLOCK;

/** Development switches for the children: clock routes on, both clocks started at DEMO_CLOCK if given. */
const DEV_ENV: Record<string, string> = {
  RELAY_DEV_ROUTES: '1',
  SANDBOX_DEV_ROUTES: '1',
  ...(DEMO_CLOCK === undefined ? {} : { RELAY_CLOCK: DEMO_CLOCK, SANDBOX_CLOCK: DEMO_CLOCK }),
  // Who may call whom, on the ports above; the environment may say otherwise.
  PORTAL_ISSUER: SANDBOX_URL,
  RELAY_ALLOWED_ORIGINS: [...DEMO_ORIGINS, RELAY_URL].join(','),
  SANDBOX_DEV_ORIGINS: DEMO_ORIGINS.join(','),
};

/** Where each server listens and how the relay and the sandbox know each other: the ports above. */
const WIRING: Record<string, string> = {
  PORT: String(RELAY_PORT),
  SANDBOX_PORT: String(SANDBOX_PORT),
  SANDBOX_CLIENT_JWKS_URI: `${RELAY_URL}/.well-known/jwks.json`,
  SANDBOX_CLIENT_REDIRECT_URIS: `${RELAY_URL}/v1/flows/callback`,
  MAIL_CATCHER_HTTP_PORT: String(MAIL_HTTP_PORT),
  MAIL_CATCHER_SMTP_PORT: String(MAIL_SMTP_PORT),
  // The relay mails the catcher unless SMTP_HOST names another server.
  ...(process.env.SMTP_HOST === undefined ? { SMTP_PORT: String(MAIL_SMTP_PORT) } : {}),
};

const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

/** The demo pages and script name the default URLs; serve them with the URLs of this run. */
function demoUrls(): Plugin {
  const rewrite = (code: string) =>
    code
      .replaceAll('localhost:8787', `localhost:${RELAY_PORT}`)
      .replaceAll('localhost:8788', `localhost:${SANDBOX_PORT}`)
      .replaceAll('127.0.0.1:8025', `127.0.0.1:${MAIL_HTTP_PORT}`);
  return {
    name: 'myna-demo-urls',
    transformIndexHtml: rewrite,
    transform: (code, id) => (id.startsWith(DEMO_DIR) ? { code: rewrite(code), map: null } : null),
  };
}

/** The demo's provider backend (demo/provider/) on the demo's origin, as a bank serves its own form. */
function providerBackend(): Plugin {
  const listener = getRequestListener(demoProvider({ relayUrl: RELAY_URL, apiKey: DEV_API_KEY, clientId: DEV_CLIENT_ID }).fetch);
  return {
    name: 'myna-demo-provider',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url === '/demo/apply' || request.url?.startsWith('/demo/apply?')) void listener(request, response);
        else next();
      });
    },
  };
}

const children: ChildProcess[] = [];

function run(name: string, script: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...DEV_ENV, ...process.env, ...WIRING },
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  child.on('exit', (code) => {
    if (code !== null && code !== 0) {
      console.error(`[${name}] exited with code ${code}; stopping.`);
      stopAll(1);
    }
  });
  children.push(child);
  return child;
}

async function waitUntilUp(name: string, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not come up at ${url} within 30 s`);
}

function stopAll(code: number): void {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

run('mail', 'src/dev/mail-catcher/main.ts');
run('sandbox', 'src/dev/sandbox/main.ts');
run('relay', 'src/server/main.ts');
const demo = await createServer({
  configFile: false,
  root: process.cwd(),
  appType: 'mpa',
  logLevel: 'warn',
  plugins: [demoUrls(), providerBackend()],
  ...(process.env.DEMO_VITE_CACHE_DIR ? { cacheDir: process.env.DEMO_VITE_CACHE_DIR } : {}),
  server: { port: DEMO_PORT, strictPort: true, host: 'localhost' },
});
await demo.listen();

try {
  await waitUntilUp('sandbox', `${SANDBOX_URL}/.well-known/openid-configuration`);
  await waitUntilUp('relay', `${RELAY_URL}/healthz`);
  await waitUntilUp('mail catcher', `${MAIL_CATCHER_URL}/`);
} catch (error) {
  console.error((error as Error).message);
  stopAll(1);
}

console.log(`
  myna-fetch-button is running (development defaults):

    Demo (open this):   http://localhost:${DEMO_PORT}/demo/
    Verified loop:      http://localhost:${DEMO_PORT}/demo/apply  (a provider backend: session → button → portal → signed result)
    Relay:              ${RELAY_URL}
    Mynaportal sandbox: ${SANDBOX_URL}
    Mail catcher:       ${MAIL_CATCHER_URL}  (mails the relay sends; SMTP on 127.0.0.1:${MAIL_SMTP_PORT})

  Test card: 山田 太郎, PIN 1234 (給与収入額 5,670,000 円 → 567 万円). More in docs/sandbox.md.
  Provider API key (client "${DEV_CLIENT_ID}", development only): ${DEV_API_KEY}
  Clocks: ${DEMO_CLOCK === undefined ? 'real time' : `from ${DEMO_CLOCK}`}; move them with POST ${RELAY_URL}/v1/dev/clock and ${SANDBOX_URL}/dev/clock.
  Ctrl+C stops everything.
`);
