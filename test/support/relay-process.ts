import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** `tsx src/server/main.ts` as its own process: what a deployment runs, killable for real. */
export interface RelayProcess {
  /** How messages about it name it (e.g. "A" of two instances). */
  name: string;
  process: ChildProcess;
  url: string;
  port: number;
  /** Its JSON log lines so far. */
  log: Record<string, unknown>[];
  /** Resident set size of the process now, in bytes (Linux /proc). */
  rssBytes(): Promise<number>;
  /** Sends `signal` (default SIGTERM) and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the relay on `env` (PORT 0 and no SMTP unless given) with none of the caller's RELAY_,
 * SMTP_ or PORTAL_ settings leaking in; resolves once it logs "relay listening".
 */
export async function startRelayProcess(env: Record<string, string>, name = 'relay'): Promise<RelayProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(RELAY_|SMTP_|PORTAL_|PORT$)/.test(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...inherited, PORT: '0', SMTP_PORT: '9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const log: Record<string, unknown>[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${stderr.join('')}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line (a warning printed by a dependency)
      }
      log.push(entry);
      if (entry['msg'] !== 'relay listening') return;
      clearTimeout(timer);
      resolve(entry['port'] as number);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${stderr.join('')}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL'); // a relay that did not come up must not keep the test process alive
    throw error;
  });
  return {
    name,
    process: child,
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    async rssBytes() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      if (kb === undefined) throw new Error('no VmRSS in /proc status');
      return Number(kb) * 1024;
    },
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}
