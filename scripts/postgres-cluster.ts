/**
 * A throwaway PostgreSQL cluster for tests and the bench: initdb into a temporary directory,
 * `postgres` on 127.0.0.1 and a free port, trust auth on loopback only, fsync on (the bench
 * measures durable commits). Stopped and deleted by `stop()`. Shared by scripts/test.ts,
 * test/support and bench/, so none of them imports another's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, openSync, closeSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';

const PACKAGE_ROOT = '/usr/lib/postgresql';
const START_TIMEOUT_MS = 30_000;

export interface PostgresCluster {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`, the maintenance database. */
  url: string;
  /** Major version of the server binaries, e.g. "15". */
  version: string;
  stop(): Promise<void>;
}

/** The newest installed server's bin directory; a clear error naming the package otherwise. */
export function postgresBinDir(): string {
  const versions = existsSync(PACKAGE_ROOT)
    ? readdirSync(PACKAGE_ROOT)
        .filter((version) => existsSync(join(PACKAGE_ROOT, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      `PostgreSQL not found (no ${PACKAGE_ROOT}/*/bin/initdb). The Postgres store tests and bench start their own server; install it with:\n` +
        '  apt-get update && apt-get install -y postgresql\n' +
        'or set MYNA_TEST_POSTGRES_URL to a server where the tests may create and drop databases.',
    );
  }
  return join(PACKAGE_ROOT, newest, 'bin');
}

/** initdb and postgres refuse to run as root: then they run as the `postgres` user the Debian package creates. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, but there is no "postgres" system user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function run(command: string, args: string[], user: { uid: number; gid: number } | undefined, logFile: string): Promise<void> {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { stdio: ['ignore', log, log], env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, ...user });
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`${command} exited with ${String(code)}:\n${readFileSync(logFile, 'utf8')}`);
  } finally {
    closeSync(log);
  }
}

async function waitUntilReady(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}:\n${readFileSync(logFile, 'utf8')}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Starts a fresh cluster; the caller must `stop()` it. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const user = serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'myna-postgres-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  writeFileSync(logFile, '');
  if (user !== undefined) {
    chownSync(dir, user.uid, user.gid);
    chownSync(logFile, user.uid, user.gid);
  }
  // --no-sync only skips flushing initdb's own files (the cluster is thrown away); the server runs with fsync on.
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user, logFile);
  // Only loopback TCP and the private socket directory; nothing else may connect.
  writeFileSync(join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const log = openSync(logFile, 'a');
    const server = spawn(
      join(bin, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'synchronous_commit=on'],
      { stdio: ['ignore', log, log], env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, ...user },
    );
    closeSync(log);
    const exited = once(server, 'exit');
    try {
      await waitUntilReady(url, server, logFile);
    } catch (error) {
      // Most likely another process took the port between freePort() and the bind: try another.
      lastError = error;
      server.kill('SIGKILL');
      await exited;
      continue;
    }
    return {
      url,
      version: basename(dirname(bin)),
      async stop() {
        if (server.exitCode === null && server.signalCode === null) {
          server.kill('SIGINT'); // fast shutdown: disconnect clients, no checkpoint wait for them
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
