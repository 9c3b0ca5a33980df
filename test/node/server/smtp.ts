import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from '../../../src/dev/mail-catcher/index.js';

export interface ReceivedMail extends ParsedMail {
  envelopeTo: string[];
}

export interface TestSmtp {
  /** The port the relay sends to (a gate in front of the SMTP server). */
  port: number;
  mails: ReceivedMail[];
  /** Down: the gate drops every connection, as a stopped server would. */
  setDown(down: boolean): void;
  /** Answer RCPT TO with this code (451: try later, 550: no such user); null: accept. */
  setRcptReply(code: number | null): void;
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on an ephemeral loopback port, behind a gate that can refuse connections. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  let rcptReply: number | null = null;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rcptReply === null) return callback();
      callback(Object.assign(new Error(`${address.address} refused`), { responseCode: rcptReply }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ ...parseMail(Buffer.concat(chunks)), envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let down = false;
  const sockets = new Set<Socket>();
  const gate: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    upstream.connect(smtpPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));

  return {
    port: (gate.address() as AddressInfo).port,
    mails,
    setDown(value) {
      down = value;
    },
    setRcptReply(code) {
      rcptReply = code;
    },
    async waitForMails(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mail(s), got ${mails.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return mails;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => gate.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

/** The resume link in a mail's plain-text body. */
export function resumeLinkOf(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/v1\/resume\/[A-Za-z0-9_.-]+/.exec(mail.text ?? '')?.[0];
  if (link === undefined) throw new Error(`no resume link in: ${mail.text ?? ''}`);
  return link;
}
