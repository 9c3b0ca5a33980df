import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { StackOrigins } from './relay-stack.js';

export interface StackHandle extends StackOrigins {
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts relay + sandbox + bare Hono in a child process (tsx loader). Its stdout (the relay's
 * request log) is discarded unless BENCH_RELAY_LOG=1; stderr is passed through. With `databaseUrl`
 * the relay keeps its store in that Postgres database instead of SQLite.
 */
export async function spawnStack(options: { databaseUrl?: string } = {}): Promise<StackHandle> {
  const showLog = process.env['BENCH_RELAY_LOG'] === '1';
  const child = fork(fileURLToPath(new URL('./stack-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', showLog ? 'inherit' : 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_DATABASE_URL: options.databaseUrl ?? '' },
  });
  const exited = once(child, 'exit');
  const exitedEarly = exited.then(([code]) => Promise.reject(new Error(`bench stack exited early (code ${String(code)})`)));
  exitedEarly.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const origins = await Promise.race([
      once(child, 'message').then(([message]) => message as StackOrigins),
      exitedEarly,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('bench stack did not start within 30 s')), STARTUP_TIMEOUT_MS);
      }),
    ]);
    return {
      ...origins,
      async close() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.send('close');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
