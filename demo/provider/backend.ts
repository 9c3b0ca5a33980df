/**
 * The demo's provider backend: what a bank's server does around `<myna-fetch-button session>`.
 * `GET /demo/apply` creates a session for the applicant it already knows (or keeps the browser's
 * open one: a reload or the way back from the portal is the same application) and serves the form
 * with the session's client token (never the API key); `POST /demo/apply` redeems the relay-signed
 * result with the server SDK and shows, field by field, what Mynaportal verified and what the
 * applicant typed — a figure edited after the fill is the applicant's, whatever the page says.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { escapeHtml, htmlPage } from '../../src/domain/text.js';
import { FINAL_SESSION_STATUSES } from '../../src/protocol/sessions.js';
import { createMynaRelayClient, MynaRelayError, MynaResultVerificationError, type VerifiedResult } from '../../src/server-sdk/index.js';

export interface DemoProviderOptions {
  relayUrl: string;
  apiKey: string;
  clientId: string;
}

/** The applicant the bank knows from its own records (the sandbox's 山田 太郎). */
const APPLICANT = { name: '山田 太郎', nameKana: 'ヤマダ タロウ', birthDate: '1985-04-12' };

const INCOME_KEY = 'localTax.salaryRevenue';
const APPLICATION_COOKIE = 'demo_application';

/** The form's fields: name, label, and the catalog key whose verified value backs it (if any). */
const FIELDS = [
  { name: 'applicantName', label: '氏名' },
  { name: 'amount', label: 'お借入希望額（万円）' },
  { name: 'annualIncome', label: '年収（万円）', key: INCOME_KEY, toForm: (yen: number) => String(Math.floor(yen / 10_000)) },
] as const;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6}
label{display:block;margin-top:1rem;font-weight:600}input{font:inherit;padding:.4rem;width:16rem}
.with-button{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}button[type=submit]{margin-top:1.5rem;font:inherit;padding:.5rem 1.5rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.4rem;text-align:left}
.verified{color:#05581f;font-weight:600}.typed{color:#7a4100;font-weight:600}.note{background:#f3f3f3;padding:.5rem 1rem}`;

export function demoProvider(options: DemoProviderOptions): Hono {
  const relay = createMynaRelayClient(options);
  const app = new Hono();

  // The applications in progress, by the browser's application cookie: a real backend keeps them in its database.
  const applications = new Map<string, { reference: string; sessionId: string; clientToken: string }>();

  /** The browser's open application (a page reload or the way back from the portal keeps it), or a new one with a new session. */
  async function applicationFor(cookie: string | undefined) {
    const known = cookie === undefined ? undefined : applications.get(cookie);
    if (known !== undefined && !FINAL_SESSION_STATUSES.includes((await relay.getSession(known.sessionId).catch(() => undefined))?.status ?? 'expired')) {
      return { id: cookie!, ...known };
    }
    const id = randomBytes(16).toString('base64url');
    const reference = `DEMO-${randomBytes(4).toString('hex')}`;
    const session = await relay.createSession({ items: [INCOME_KEY], purpose: 'mortgage-prescreen', reference, subject: APPLICANT });
    const application = { reference, sessionId: session.sessionId, clientToken: session.clientToken };
    applications.set(id, application);
    return { id, ...application };
  }

  app.get('/demo/apply', async (c) => {
    const { id, reference, clientToken } = await applicationFor(getCookie(c, APPLICATION_COOKIE));
    setCookie(c, APPLICATION_COOKIE, id, { httpOnly: true, sameSite: 'Lax', path: '/demo/apply' });
    c.header('Cache-Control', 'no-store');
    return c.html(
      htmlPage({
        lang: 'ja',
        title: '〇〇銀行 事前審査（確認済みデータ）— myna-fetch-button デモ',
        head: `<script type="module" src="/src/widget/index.ts"></script><style>${STYLE}</style>`,
        body: `<main>
<p><a href="/demo/">← デモの一覧に戻る</a></p>
<h1>〇〇銀行 事前審査（確認済みデータ）</h1>
<p class="note">申込番号 <strong>${escapeHtml(reference)}</strong>。銀行のサーバーがこの申込みのセッションを作りました。年収はマイナポータルから取得すると、送信後に銀行のサーバーが署名付きの結果で確かめます。</p>
<form id="apply-form" method="post" action="/demo/apply">
<input type="hidden" name="reference" value="${escapeHtml(reference)}">
<label for="applicant-name">氏名</label>
<input id="applicant-name" name="applicantName" value="${escapeHtml(APPLICANT.name)}" autocomplete="name">
<label for="amount">お借入希望額（万円）</label>
<input id="amount" name="amount" inputmode="numeric">
<label for="annual-income">年収（万円）</label>
<div class="with-button">
<input id="annual-income" name="annualIncome" inputmode="numeric" data-myna-field="${INCOME_KEY}" data-myna-format="man-yen" data-myna-lock>
<myna-fetch-button relay="${escapeHtml(options.relayUrl)}" session="${escapeHtml(clientToken)}"></myna-fetch-button>
</div>
<button type="submit">申し込む</button>
</form>
</main>`,
      }),
    );
  });

  app.post('/demo/apply', async (c) => {
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const sessionId = text('myna_session_id');
    let verified: VerifiedResult | undefined;
    let why = 'マイナポータルからの取得はありませんでした。';
    if (sessionId !== '') {
      try {
        verified = await relay.getResult(sessionId);
        if (verified.claims.ref !== text('reference')) throw new Error('the result belongs to another application');
        await relay.deleteSession(sessionId);
        deleteCookie(c, APPLICATION_COOKIE, { path: '/demo/apply' });
      } catch (error) {
        verified = undefined;
        why =
          error instanceof MynaRelayError
            ? `取得結果はありません（${error.code}）。`
            : `この申込みの確認済みデータではありません（${error instanceof MynaResultVerificationError ? error.reason : 'reference'}）。`;
      }
    }
    const rows = FIELDS.map((field) => {
      const submitted = text(field.name);
      const source = 'key' in field ? verifiedSource(verified, field.key, field.toForm, submitted) : undefined;
      return `<tr><th scope="row">${escapeHtml(field.label)}</th><td>${escapeHtml(submitted) || '—'}</td><td>${
        source === undefined
          ? '<span class="typed">申込者の入力</span>'
          : source.matches
            ? '<span class="verified">マイナポータルで確認済み</span>'
            : `<span class="typed">申込者の入力（取得値 ${escapeHtml(source.value)} から変更）</span>`
      }</td></tr>`;
    }).join('');
    return c.html(
      htmlPage({
        lang: 'ja',
        title: '申込内容の確認 — myna-fetch-button デモ',
        head: `<style>${STYLE}</style>`,
        body: `<main><h1>申込内容（銀行のサーバーが受け取ったもの）</h1>
<p>${verified === undefined ? escapeHtml(why) : `署名付きの結果を検証しました（利用目的: ${escapeHtml(verified.claims.purpose.ja)}、保存期限: ${escapeHtml(verified.claims.retain_until)}）。`}</p>
<table><thead><tr><th scope="col">項目</th><th scope="col">値</th><th scope="col">出所</th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="/demo/apply">もう一度申し込む</a></p></main>`,
      }),
    );
  });

  return app;
}

/** The verified value of `key` as the form writes it, and whether the submitted text is that value. */
function verifiedSource(verified: VerifiedResult | undefined, key: string, toForm: (value: number) => string, submitted: string) {
  const value = verified?.value(key)?.value;
  if (typeof value !== 'number') return undefined;
  const expected = toForm(value);
  return { value: expected, matches: submitted.normalize('NFKC').replace(/[,\s]/g, '') === expected };
}
