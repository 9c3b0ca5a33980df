import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { exportJWK, generateKeyPair, generateSecret } from 'jose';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';

/** One `tsx src/relay/main.ts` process, as deployed. */
export interface RelayProcess {
  name: string;
  /** Its own address (the balancer's targets, and the dev clock route). */
  url: string;
  /** Its JSON log lines so far. */
  log: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** The settings every instance of one deployment shares: keys generated once, as a secret store would hold them. */
export async function sharedRelayKeys(): Promise<Record<string, string>> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const secret = await generateSecret('A256KW', { extractable: true });
  return {
    RELAY_SIGNING_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'multi-sign', alg: 'ES256' }),
    RELAY_ENCRYPTION_KEYS: JSON.stringify([{ ...(await exportJWK(secret)), kid: 'multi-enc' }]),
  };
}

/** Starts a relay process with `env` on top of this one's environment minus relay settings; resolves once it listens. */
export async function startRelayProcess(name: string, env: Record<string, string>): Promise<RelayProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(RELAY_|SMTP_|PORTAL_|PORT$)/.test(key)));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/relay/main.ts'], {
    env: { ...inherited, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const log: Record<string, unknown>[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay ${name} did not start: ${stderr.join('')}`)), 30_000);
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
    child.once('exit', (code) => reject(new Error(`relay ${name} exited with ${code}: ${stderr.join('')}${JSON.stringify(log)}`)));
  }).catch((error: unknown) => {
    child.kill('SIGKILL'); // a relay that did not come up must not keep the test process alive
    throw error;
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Balancer {
  /** The one public origin of every instance (RELAY_PUBLIC_URL). */
  origin: string;
  /** Sends the following requests to this instance. */
  routeTo(instance: RelayProcess): void;
  /** Every request forwarded so far: which instance got it. */
  forwarded: { instance: string; method: string; path: string }[];
  close(): Promise<void>;
}

/**
 * A load balancer in front of the instances, reduced to one switch: the test says where each
 * request goes, so it can make a flow change instances between steps.
 */
export async function startBalancer(): Promise<Balancer> {
  const { server, origin } = await listenOnLoopback();
  let target: RelayProcess | undefined;
  const forwarded: Balancer['forwarded'] = [];
  server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (target === undefined) {
      outgoing.writeHead(503).end();
      return;
    }
    forwarded.push({ instance: target.name, method: incoming.method ?? '', path: new URL(incoming.url ?? '/', origin).pathname });
    const upstream = httpRequest(`${target.url}${incoming.url ?? '/'}`, { method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  return {
    origin,
    forwarded,
    routeTo(instance) {
      target = instance;
    },
    close: () => closeServer(server),
  };
}
