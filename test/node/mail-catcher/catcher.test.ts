import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { decodeWords, parseMail, startMailCatcher, type CaughtMail, type MailCatcher } from '../../../src/dev/mail-catcher/index.js';

const LINK = 'http://localhost:8787/v1/resume/eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

function transport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: false });
}

describe('mail catcher', () => {
  let catcher: MailCatcher;
  before(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMails: 5 });
  });
  after(() => catcher.close());

  it('catches a mail over SMTP and lists it, escaped, with its link clickable and no script', async () => {
    await transport(catcher.smtpPort).sendMail({
      from: '〇〇銀行 <no-reply@bank.example>',
      to: 'taro@example.com',
      subject: '【〇〇銀行】マイナポータルから情報を取得できるようになりました',
      text: `こんにちは <script>alert("x")</script>\n${LINK}\n`,
      html: '<p>hi</p><script>alert(1)</script>',
    });
    const response = await fetch(`${catcher.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'self'/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const page = await response.text();
    assert.match(page, /【〇〇銀行】マイナポータルから情報を取得できるようになりました/);
    assert.match(page, /taro@example\.com/);
    assert.match(page, /<time datetime="\d{4}-\d{2}-\d{2}T/);
    assert.ok(page.includes(`<a href="${LINK}" rel="noreferrer noopener" target="_blank">${LINK}</a>`), 'the link is clickable');
    assert.ok(page.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;'), 'markup in the body is shown as text');
    assert.ok(!/<script/i.test(page), 'no script on the page');
    assert.equal((await fetch(`${catcher.url}/style.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('serves the mails as JSON, decoded (encoded-word subjects, base64 and quoted-printable bodies)', async () => {
    for (const textEncoding of ['base64', 'quoted-printable'] as const) {
      await transport(catcher.smtpPort).sendMail({
        from: 'relay@bank.example',
        to: 'Hanako <hanako@example.com>',
        subject: `件名 ${textEncoding} — a long subject that has to be folded across lines ${'長'.repeat(40)}`,
        text: `本文 ${textEncoding}\n${'あ'.repeat(100)}\n${LINK}`,
        textEncoding,
      });
    }
    const mails = (await (await fetch(`${catcher.url}/api/mails`)).json()) as CaughtMail[];
    for (const [index, encoding] of [
      [mails.length - 2, 'base64'],
      [mails.length - 1, 'quoted-printable'],
    ] as const) {
      const mail = mails[index]!;
      assert.equal(mail.subject, `件名 ${encoding} — a long subject that has to be folded across lines ${'長'.repeat(40)}`);
      assert.equal(mail.text, `本文 ${encoding}\n${'あ'.repeat(100)}\n${LINK}`);
      assert.deepEqual(mail.envelopeTo, ['hanako@example.com']);
      assert.equal(mail.to, 'Hanako <hanako@example.com>');
    }
  });

  it('keeps the newest mails only, and DELETE /api/mails empties it', async () => {
    for (let index = 0; index < 6; index += 1) {
      await transport(catcher.smtpPort).sendMail({ from: 'a@b.example', to: 'c@d.example', subject: `n${index}`, text: 'x' });
    }
    const mails = catcher.mails();
    assert.equal(mails.length, 5);
    assert.equal(mails.at(-1)?.subject, 'n5');
    assert.equal((await fetch(`${catcher.url}/api/mails`, { method: 'DELETE' })).status, 204);
    assert.equal(catcher.mails().length, 0);
    assert.match(await (await fetch(`${catcher.url}/`)).text(), /No mail yet/);
    assert.equal((await fetch(`${catcher.url}/nope`)).status, 404);
  });

  it('accepts a login (any) as a configured relay would send one', async () => {
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false, auth: { user: 'relay', pass: 'secret' } })
      .sendMail({ from: 'a@b.example', to: 'c@d.example', subject: 'with auth', text: 'x' });
    assert.equal(catcher.mails().at(-1)?.subject, 'with auth');
  });
});

describe('MIME decoding', () => {
  it('decodes encoded words (B and Q, adjacent ones joined) and nested multiparts', () => {
    assert.equal(decodeWords('=?UTF-8?B?5Lu25ZCN?= =?UTF-8?Q?_abc=E3=81=82?= tail'), '件名 abcあ tail');
    const raw = [
      'Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'soft=',
      'break =E3=81=82',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html</p>',
      '--inner--',
      '--outer',
      'Content-Type: text/plain',
      'Content-Disposition: attachment; filename=a.txt',
      '',
      'attached',
      '--outer--',
      '',
    ].join('\r\n');
    const mail = parseMail(Buffer.from(raw));
    assert.equal(mail.subject, 'テスト');
    assert.equal(mail.text, 'softbreak あ');
    assert.equal(mail.html, '<p>html</p>');
  });
});

describe('mail catcher process (npm start runs it)', () => {
  it('listens on the configured ports and says where', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev/mail-catcher/main.ts'], {
      env: { ...process.env, MAIL_CATCHER_SMTP_PORT: '0', MAIL_CATCHER_HTTP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<{ url: string; smtpPort: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('mail catcher did not start')), 20_000);
        createInterface({ input: child.stdout! }).on('line', (text) => {
          if (!text.includes('mail catcher listening')) return;
          clearTimeout(timer);
          resolve(JSON.parse(text) as { url: string; smtpPort: number });
        });
      });
      assert.match(line.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      await transport(line.smtpPort).sendMail({ from: 'a@b.example', to: 'c@d.example', subject: 'via the process', text: 'x' });
      assert.match(await (await fetch(line.url)).text(), /via the process/);
    } finally {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
  });

  it('stops with a message naming a bad variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/dev/mail-catcher/main.ts'], {
      env: { ...process.env, MAIL_CATCHER_SMTP_PORT: 'many' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /MAIL_CATCHER_SMTP_PORT/);
  });
});
