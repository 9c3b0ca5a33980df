/**
 * `npm start`: the Mynaportal sandbox, the relay, the mail catcher and the demo page on one
 * machine, on development defaults. Each server runs as its own process (as in production), its
 * log lines prefixed. The relay and the sandbox get their development clock routes
 * (`POST /v1/dev/clock`, `POST /dev/clock`); `DEMO_CLOCK=<ISO instant>` starts both clocks there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createServer } from 'vite';

const SANDBOX_URL = 'http://localhost:8788';
const RELAY_URL = 'http://localhost:8787';
const MAIL_CATCHER_URL = 'http://127.0.0.1:8025';
const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5173);
const DEMO_CLOCK = process.env.DEMO_CLOCK;

/** Development switches for the children: clock routes on, both clocks started at DEMO_CLOCK if given. */
const DEV_ENV: Record<string, string> = {
  RELAY_DEV_ROUTES: '1',
  SANDBOX_DEV_ROUTES: '1',
  ...(DEMO_CLOCK === undefined ? {} : { RELAY_CLOCK: DEMO_CLOCK, SANDBOX_CLOCK: DEMO_CLOCK }),
};

const children: ChildProcess[] = [];

function run(name: string, script: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...DEV_ENV, ...process.env },
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

run('mail', 'src/mail-catcher/main.ts');
run('sandbox', 'src/sandbox/main.ts');
run('relay', 'src/relay/main.ts');
const demo = await createServer({
  configFile: false,
  root: process.cwd(),
  appType: 'mpa',
  logLevel: 'warn',
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
    Relay:              ${RELAY_URL}
    Mynaportal sandbox: ${SANDBOX_URL}
    Mail catcher:       ${MAIL_CATCHER_URL}  (mails the relay sends; SMTP on 127.0.0.1:2525)

  Test card: 山田 太郎, PIN 1234 (給与収入額 5,670,000 円 → 567 万円). More in docs/sandbox.md.
  Clocks: ${DEMO_CLOCK === undefined ? 'real time' : `from ${DEMO_CLOCK}`}; move them with POST ${RELAY_URL}/v1/dev/clock and ${SANDBOX_URL}/dev/clock.
  Ctrl+C stops everything.
`);
