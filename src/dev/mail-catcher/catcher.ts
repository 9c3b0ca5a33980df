import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail } from './mime.js';
import { mailListPage, STYLESHEET, STYLESHEET_PATH } from './page.js';

export interface CaughtMail {
  id: number;
  receivedAt: string;
  /** SMTP envelope. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Headers, decoded. */
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string | null;
  html: string | null;
}

export interface MailCatcherOptions {
  /** Interface for both servers; default 127.0.0.1 (never expose a catcher). */
  host?: string;
  /** 0: any free port. Defaults 2525 and 8025. */
  smtpPort?: number;
  httpPort?: number;
  /** Oldest mails are dropped beyond this; default 200. */
  maxMails?: number;
  /** Called for each mail caught (logging). */
  onMail?: (mail: CaughtMail) => void;
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  /** The page listing the mails. */
  url: string;
  mails(): readonly CaughtMail[];
  clear(): void;
  close(): Promise<void>;
}

const MAX_MAIL_BYTES = 1024 * 1024;

const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/**
 * A development mail catcher: an SMTP server that accepts every mail (no TLS, any or no login)
 * and keeps it in memory, and an HTTP page listing what it caught (`GET /`, JSON at
 * `GET /api/mails`, `DELETE /api/mails` empties it).
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxMails = options.maxMails ?? 200;
  const mails: CaughtMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    banner: 'myna-fetch-button mail catcher (development)',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MAIL_BYTES,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const parsed = parseMail(Buffer.concat(chunks));
        const mail: CaughtMail = {
          id: nextId++,
          receivedAt: new Date().toISOString(),
          envelopeFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          ...parsed,
        };
        mails.push(mail);
        if (mails.length > maxMails) mails.splice(0, mails.length - maxMails);
        options.onMail?.(mail);
        callback();
      });
    },
  });
  await listen(smtp.server, options.smtpPort ?? 2525, host, (port, address, ready) => smtp.listen(port, address, ready));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;

  const http = createServer((req, res) => handle(req, res));
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://catcher').pathname;
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' }).end(mailListPage(mails, `${hostInUrl}:${smtpPort}`));
    } else if (req.method === 'GET' && path === STYLESHEET_PATH) {
      res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'text/css; charset=utf-8' }).end(STYLESHEET);
    } else if (req.method === 'GET' && path === '/api/mails') {
      res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'application/json' }).end(JSON.stringify(mails));
    } else if (req.method === 'DELETE' && path === '/api/mails') {
      mails.length = 0;
      res.writeHead(204, PAGE_HEADERS).end();
    } else {
      res.writeHead(404, { ...PAGE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  };
  try {
    await listen(http, options.httpPort ?? 8025, host, (port, address, ready) => http.listen(port, address, ready));
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpPort,
    httpPort,
    url: `http://${hostInUrl}:${httpPort}`,
    mails: () => mails,
    clear() {
      mails.length = 0;
    },
    async close() {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
      ]);
    },
  };
}

function listen(server: Server, port: number, host: string, start: (port: number, host: string, ready: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    start(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
