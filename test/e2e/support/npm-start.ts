import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Where `DEMO_CLOCK` starts the relay's and the sandbox's clocks: a weekday morning in Japan, every server up. */
export const DEMO_CLOCK = '2026-11-24T10:00:00+09:00';

/** `npm start` (scripts/start.ts) as a person runs it, on free ports, with its own data directories. */
export interface NpmStart {
  /** The demo page's URL as the script printed it. */
  demoUrl: string;
  relayUrl: string;
  sandboxUrl: string;
  mailCatcherUrl: string;
  /** Every line the script and its servers printed, in order. */
  output: string[];
  /** The script's pid, also the id of its process group (it and the servers it started). */
  pid: number;
  /**
   * SIGTERM to the script (as Ctrl+C would), then waits until its whole process group has gone.
   * Returns how it went; a group still alive after `timeoutMs` is killed (SIGKILL) and reported.
   */
  stop(timeoutMs?: number): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; groupGone: boolean }>;
}

/** Ports free on loopback right now (the servers bind them a moment later). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listenOnLoopback()));
  await Promise.all(servers.map(({ server }) => closeServer(server)));
  return servers.map(({ port }) => port);
}

/** True while any process of the group `pgid` exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

/**
 * Spawns `node --import tsx scripts/start.ts` in its own process group (so that it and the servers
 * it starts can be stopped together and nothing else), and waits for the banner with the URLs.
 */
export async function startNpmStart(timeoutMs = 60_000): Promise<NpmStart> {
  const dataDir = await mkdtemp(join(tmpdir(), 'myna-npm-start-'));
  const [relay, sandbox, mailHttp, mailSmtp, demo] = (await freePorts(5)) as [number, number, number, number, number];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RELAY_PORT: String(relay),
    SANDBOX_PORT: String(sandbox),
    MAIL_CATCHER_HTTP_PORT: String(mailHttp),
    MAIL_CATCHER_SMTP_PORT: String(mailSmtp),
    DEMO_PORT: String(demo),
    RELAY_DATA_DIR: join(dataDir, 'relay'),
    SANDBOX_DATA_DIR: join(dataDir, 'sandbox'),
    // Not the shared node_modules/.vite.
    DEMO_VITE_CACHE_DIR: join(dataDir, 'vite'),
    // The guideline's hours on both clocks, as npm start runs them, from an ordinary Tuesday
    // morning: the flow must work on a 3rd weekend night or a holiday too.
    DEMO_CLOCK,
  };
  // The test runner's own marker is not for the servers.
  delete env['NODE_TEST_CONTEXT'];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  const output: string[] = [];
  let exited: { exitCode: number | null; signal: NodeJS.Signals | null } | null = null;
  child.once('exit', (exitCode, signal) => {
    exited = { exitCode, signal };
  });
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => output.push(line));

  const stop: NpmStart['stop'] = async (stopTimeoutMs = 15_000) => {
    if (exited === null) process.kill(pid, 'SIGTERM');
    await waitFor(() => exited !== null, stopTimeoutMs);
    const groupGone = await waitFor(() => !groupAlive(pid), stopTimeoutMs);
    if (!groupGone) process.kill(-pid, 'SIGKILL');
    await waitFor(() => !groupAlive(pid), 5_000);
    await rm(dataDir, { recursive: true, force: true });
    const { exitCode, signal } = exited ?? { exitCode: null, signal: null };
    return { exitCode, signal, groupGone };
  };

  const url = (label: string) => new RegExp(`^\\s*${label}:\\s+(http://\\S+)`);
  const find = (label: string) => output.map((line) => url(label).exec(line)?.[1]).find((found) => found !== undefined);
  const banner = await waitFor(() => exited !== null || find('Mail catcher') !== undefined, timeoutMs);
  if (!banner || exited !== null) {
    await stop();
    throw new Error(`npm start did not come up within ${timeoutMs} ms:\n${output.join('\n')}`);
  }
  return {
    demoUrl: find('Demo \\(open this\\)')!,
    relayUrl: find('Relay')!,
    sandboxUrl: find('Mynaportal sandbox')!,
    mailCatcherUrl: find('Mail catcher')!,
    output,
    pid,
    stop,
  };
}
