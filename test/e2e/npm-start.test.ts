/**
 * `npm start` as a person runs it: scripts/start.ts in its own process group on free ports (sandbox,
 * relay, mail catcher and the Vite demo server, each its own process), the demo URL taken from what
 * it prints, the demo's loan form driven in Chromium to 567 in the annual income field — in popup
 * mode, in redirect mode, in kiosk mode and in English (the demo's developer panel switches), and
 * cancelled at the portal — then stopped as Ctrl+C would, leaving no process and no port behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newSession, type Session } from './support/browser.js';
import {
  EN,
  JA,
  assertCleanHostPage,
  consentInPopup,
  openDisclosure,
  reviewRow,
  statusText,
  waitForPhase,
  widget,
  consentInThisTab,
  type Labels,
  type SuccessDetail,
} from './support/flow.js';
import { DEV_API_KEY } from '../../src/server/config.js';
import { DEMO_CLOCK, startNpmStart, type NpmStart } from './support/npm-start.js';

/** What the consent screen shows for the relay's development defaults. */
const DEMO_PORTAL_SHOWS = ['〇〇銀行（デモ）', '住宅ローンの事前審査（デモ）', '給与収入額'];

let started: NpmStart;
/** The sandbox's origin, as npm start printed it (without the trailing slash). */
const sandboxOrigin = () => new URL(started.sandboxUrl).origin;
let browser: Browser;
before(async () => {
  started = await startNpmStart();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (started !== undefined) {
    const stopped = await started.stop();
    assert.equal(stopped.groupGone, true, `npm start left processes behind:\n${started.output.slice(-20).join('\n')}`);
    assert.equal(stopped.exitCode, 0, 'npm start exits with 0 on SIGTERM');
    // Nothing listens anymore on the ports it used.
    for (const url of [started.relayUrl, started.sandboxUrl, started.mailCatcherUrl, started.demoUrl]) {
      await assert.rejects(fetch(url), `${url} still answers`);
    }
  }
});

/** The demo's loan form as the person filled it in. */
async function demoValues(page: Page): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const id of ['desired-date', 'amount', 'term', 'annual-income']) values[id] = await page.locator(`#${id}`).inputValue();
  return values;
}

const TYPED = { 'desired-date': '2027-04-01', amount: '3500', term: '35', 'annual-income': '' };

/** A fresh page on the printed demo URL, the panel's switches set, the form half filled. */
async function openDemo(session: Session, switches: { mode?: string; lang?: string } = {}): Promise<void> {
  const { page } = session;
  await page.goto(started.demoUrl);
  await page.waitForFunction(() => customElements.get('myna-fetch-button') !== undefined);
  if (switches.mode !== undefined) await page.locator('#mode').selectOption(switches.mode);
  if (switches.lang !== undefined) await page.locator('#lang').selectOption(switches.lang);
  await page.locator('#desired-date').fill(TYPED['desired-date']);
  await page.locator('#amount').fill(TYPED.amount);
  await page.locator('#term').fill(TYPED.term);
  assert.deepEqual(await demoValues(page), TYPED);
}

/** Review → 「フォームに入力する」: 567 in the annual income field, the rest as typed, one success, the demo's log shows it. */
async function fillAndCheck(session: Session, labels: Labels, reviewed: { label: string; target: string }): Promise<void> {
  const { page } = session;
  await waitForPhase(page, 'review');
  assert.deepEqual(await reviewRow(page), { label: reviewed.label, value: '567', target: reviewed.target });
  assert.equal(await page.locator('#annual-income').inputValue(), '', 'nothing filled before the review');
  await widget(page).getByRole('button', { name: labels.fill }).click();
  await waitForPhase(page, 'done');
  assert.deepEqual(await demoValues(page), { ...TYPED, 'annual-income': '567' });
  const successes = (await session.events('myna-fetch-success')) as SuccessDetail[];
  assert.equal(successes.length, 1, 'exactly one myna-fetch-success');
  assert.deepEqual(successes[0]!.fields, { annualIncome: '567' });
  assert.deepEqual(await session.events('myna-fetch-cancel'), []);
  assert.deepEqual(await session.events('myna-fetch-error'), []);
  // The demo's own event panel (what a developer trying the demo watches) logged it once.
  const logged = await page.locator('#event-log li strong').allTextContents();
  assert.equal(logged.filter((entry) => entry.endsWith(' myna-fetch-success')).length, 1, logged.join('\n'));
}

async function withSession(name: string, body: (session: Session) => Promise<void>, locale = 'ja-JP'): Promise<void> {
  const session = await newSession(browser, new URL(started.demoUrl).origin, { locale });
  try {
    await body(session);
  } finally {
    await session.screenshot(name).catch(() => undefined);
    await session.close();
  }
}

describe('npm start: the demo as a person uses it', () => {
  test('the script printed where everything runs, on the ports it was given', () => {
    for (const url of [started.demoUrl, started.relayUrl, started.sandboxUrl, started.mailCatcherUrl]) assert.match(url, /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?/);
    assert.match(started.demoUrl, /\/demo\/$/);
    assert.notEqual(new URL(started.relayUrl).port, '8787', 'not the default port: the test picked free ones');
    assert.ok(started.output.some((line) => line.includes(`Clocks: from ${DEMO_CLOCK}`)), 'both clocks start at DEMO_CLOCK');
    assert.ok(started.output.some((line) => line.includes(`Provider API key (client "demo", development only): ${DEV_API_KEY}`)), 'the development API key is printed');
    assert.ok(started.output.some((line) => line.includes(applyUrl())), 'and the verified loop’s URL');
  });

  test('popup mode (the default): 山田 太郎, PIN 1234 → review → 567 in 年収（万円）', () =>
    withSession('npm-start-popup-ja', async (session) => {
      const { page } = session;
      await openDemo(session);
      assert.equal(await widget(page).getAttribute('relay'), started.relayUrl, 'the demo talks to the relay this run started');
      await openDisclosure(page, JA);
      const popup = await consentInPopup(page, sandboxOrigin(), JA, { index: 0, pin: '1234' }, DEMO_PORTAL_SHOWS);
      assert.equal(popup.isClosed(), true);
      await fillAndCheck(session, JA, { label: '給与収入額', target: '入力先: 年収（万円）' });
      assert.equal(await statusText(page), 'マイナポータルから取得した情報を入力しました。内容をご確認ください。');
      await assertCleanHostPage(session);
    }));

  for (const [mode, how] of [
    ['redirect', 'the tab goes to the portal and back'],
    ['kiosk', 'consent in the terminal’s one tab, the mandatory review'],
  ] as const) {
    test(`${mode} mode (panel switch): ${how}, the typed fields restored → 567`, () =>
      withSession(`npm-start-${mode}-ja`, async (session) => {
        const { page } = session;
        await openDemo(session, { mode });
        assert.equal(await widget(page).getAttribute('mode'), mode);
        await openDisclosure(page, JA);
        await page.getByRole('button', { name: JA.continue }).click();
        await consentInThisTab(session, sandboxOrigin(), { index: 0, pin: '1234' }, DEMO_PORTAL_SHOWS);
        await page.waitForURL((url) => url.href === started.demoUrl);
        await fillAndCheck(session, JA, { label: '給与収入額', target: '入力先: 年収（万円）' });
        assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
        await assertCleanHostPage(session);
      }));
  }

  test('キャンセル at the portal: cancelled (step "portal"), the pop-up closed, the typed fields as they were', () =>
    withSession('npm-start-cancel-ja', async (session) => {
      const { page } = session;
      await openDemo(session);
      await openDisclosure(page, JA);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: JA.continue }).click()]);
      await popup.waitForURL((url) => url.href.startsWith(`${sandboxOrigin()}/interaction/`));
      const closed = popup.waitForEvent('close', { timeout: 15_000 });
      await popup.locator('form.cancel-form').getByRole('button', { name: 'キャンセル' }).click({ noWaitAfter: true });
      await closed;
      await waitForPhase(page, 'cancelled');
      assert.equal(await statusText(page), '取得を中止しました。フォームは変更されていません。');
      assert.deepEqual(await session.events('myna-fetch-cancel'), [{ step: 'portal' }]);
      assert.deepEqual(await session.events('myna-fetch-success'), []);
      assert.deepEqual(await demoValues(page), TYPED, 'the form is untouched');
      await assertCleanHostPage(session);
    }));

  test('English (panel switch): the same flow in English → 567', () =>
    withSession(
      'npm-start-popup-en',
      async (session) => {
        const { page } = session;
        await openDemo(session, { lang: 'en' });
        await openDisclosure(page, EN);
        await consentInPopup(page, sandboxOrigin(), EN, { index: 0, pin: '1234' }, DEMO_PORTAL_SHOWS);
        await fillAndCheck(session, EN, { label: 'Salary revenue', target: 'Goes into: 年収（万円）' });
        assert.equal(await statusText(page), 'The information from Mynaportal has been filled in. Please check it.');
        await assertCleanHostPage(session);
      },
      'en-GB',
    ));
});

/** The demo's provider backend (demo/provider/backend.ts) on the demo's origin. */
const applyUrl = () => new URL('/demo/apply', started.demoUrl).href;

/** The result page's rows: field label → [value, source]. */
async function submittedRows(page: Page): Promise<Record<string, [string, string]>> {
  const rows: Record<string, [string, string]> = {};
  for (const row of await page.locator('tbody tr').all()) {
    const cells = (await row.locator('th, td').allTextContents()).map((text) => text.trim());
    rows[cells[0]!] = [cells[1]!, cells[2]!];
  }
  return rows;
}

/** The bound button on /demo/apply, through the popup with `card`, as far as the review. */
async function fetchVerified(session: Session, card: { index: number; pin: string }): Promise<void> {
  const { page } = session;
  await page.goto(applyUrl());
  await page.waitForFunction(() => customElements.get('myna-fetch-button') !== undefined);
  await page.locator('#amount').fill('3500');
  // A bound button learns its items from the session, so its label names no category.
  const dialog = await openDisclosure(page, { ...JA, button: 'マイナポータルから取得する' });
  // The session's purpose, as the relay has it: the same text the portal and the signed result show.
  const disclosed = (await dialog.textContent()) ?? '';
  for (const text of ['住宅ローンの事前審査（デモ）', '給与収入額']) assert.ok(disclosed.includes(text), `the disclosure shows ${text}: ${disclosed}`);
  await consentInPopup(page, sandboxOrigin(), JA, card, DEMO_PORTAL_SHOWS);
}

describe('npm start: the verified loop (a provider backend creates the session and redeems the signed result)', () => {
  test('session → button → portal → fill → submit: the backend shows the income as verified by Mynaportal', () =>
    withSession('npm-start-verified', async (session) => {
      const { page } = session;
      await fetchVerified(session, { index: 0, pin: '1234' });
      await waitForPhase(page, 'review');
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      const income = page.locator('#annual-income');
      assert.equal(await income.inputValue(), '567');
      assert.equal(await income.getAttribute('readonly'), '', 'a verified field with data-myna-lock is read-only');
      const sessionId = await page.locator('input[type="hidden"][name="myna_session_id"]').inputValue();
      assert.match(sessionId, /^[A-Za-z0-9_-]{22}$/);
      const successes = (await session.events('myna-fetch-success')) as (SuccessDetail & { sessionId: string; provenance: Record<string, string> })[];
      assert.equal(successes.length, 1);
      assert.equal(successes[0]!.sessionId, sessionId);
      assert.deepEqual(successes[0]!.provenance, { annualIncome: 'verified' });
      await assertCleanHostPage(session);

      await page.getByRole('button', { name: '申し込む' }).click();
      await page.waitForURL(applyUrl());
      await page.getByRole('heading', { name: '申込内容（銀行のサーバーが受け取ったもの）' }).waitFor();
      assert.deepEqual(await submittedRows(page), {
        氏名: ['山田 太郎', '申込者の入力'],
        'お借入希望額（万円）': ['3500', '申込者の入力'],
        '年収（万円）': ['567', 'マイナポータルで確認済み'],
      });
      assert.match((await page.locator('main > p').first().textContent()) ?? '', /署名付きの結果を検証しました（利用目的: 住宅ローンの事前審査（デモ）/);
    }));

  test('a verified figure edited after the fill, and one a page script rewrote: both are the applicant’s to the backend', () =>
    withSession('npm-start-verified-edited', async (session) => {
      const { page } = session;
      await fetchVerified(session, { index: 0, pin: '1234' });
      await waitForPhase(page, 'review');
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      // The visible way to change a locked field, by keyboard: focus lands in the field, never on <body>.
      const edit = page.getByRole('button', { name: /修正する/ });
      await edit.focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'annual-income');
      assert.equal(await page.locator('#annual-income').getAttribute('readonly'), null);
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('900');
      await page.getByRole('button', { name: '申し込む' }).click();
      await page.getByRole('heading', { name: '申込内容（銀行のサーバーが受け取ったもの）' }).waitFor();
      assert.deepEqual((await submittedRows(page))['年収（万円）'], ['900', '申込者の入力（取得値 567 から変更）']);

      // A page script that ignores the lock fares no better: the backend compares with the signed value.
      await fetchVerified(session, { index: 0, pin: '1234' });
      await waitForPhase(page, 'review');
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      await page.evaluate(() => {
        (document.querySelector('#annual-income') as HTMLInputElement).value = '1200';
      });
      await page.getByRole('button', { name: '申し込む' }).click();
      await page.getByRole('heading', { name: '申込内容（銀行のサーバーが受け取ったもの）' }).waitFor();
      assert.deepEqual((await submittedRows(page))['年収（万円）'], ['1200', '申込者の入力（取得値 567 から変更）']);
    }));

  test('redirect mode: back from the portal, the backend serves the same application and session; the fill is verified', () =>
    withSession('npm-start-verified-redirect', async (session) => {
      const { page } = session;
      await page.goto(applyUrl());
      await page.waitForFunction(() => customElements.get('myna-fetch-button') !== undefined);
      const consentedSession = await page.evaluate(() => document.querySelector('myna-fetch-button')!.getAttribute('session'));
      await page.evaluate(() => document.querySelector('myna-fetch-button')!.setAttribute('mode', 'redirect'));
      await openDisclosure(page, { ...JA, button: 'マイナポータルから取得する' });
      await page.getByRole('button', { name: JA.continue }).click();
      await consentInThisTab(session, sandboxOrigin(), { index: 0, pin: '1234' }, DEMO_PORTAL_SHOWS);
      await page.waitForURL((url) => url.pathname === '/demo/apply');
      await waitForPhase(page, 'review');
      assert.equal(await page.evaluate(() => document.querySelector('myna-fetch-button')!.getAttribute('session')), consentedSession, 'the same application');
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      assert.equal(await page.locator('#annual-income').inputValue(), '567');
      await page.getByRole('button', { name: '申し込む' }).click();
      await page.getByRole('heading', { name: '申込内容（銀行のサーバーが受け取ったもの）' }).waitFor();
      assert.deepEqual((await submittedRows(page))['年収（万円）'], ['567', 'マイナポータルで確認済み']);
    }));

  test('someone else of the same name (PIN 6789): nothing released, the widget says why, the backend sees only what was typed', () =>
    withSession('npm-start-subject-mismatch', async (session) => {
      const { page } = session;
      await fetchVerified(session, { index: 5, pin: '6789' });
      await waitForPhase(page, 'error');
      assert.match(await statusText(page), /カードの持ち主がお申し込みの方と一致しない/);
      assert.equal(await page.locator('#annual-income').inputValue(), '', 'nothing filled');
      assert.equal(await page.locator('input[name="myna_session_id"]').count(), 0);
      assert.deepEqual(await session.events('myna-fetch-success'), []);
      const errors = (await session.events('myna-fetch-error')) as { code: string }[];
      assert.deepEqual(errors.map((error) => error.code), ['subject-mismatch']);
      await page.locator('#annual-income').fill('380');
      await page.getByRole('button', { name: '申し込む' }).click();
      await page.getByRole('heading', { name: '申込内容（銀行のサーバーが受け取ったもの）' }).waitFor();
      assert.deepEqual((await submittedRows(page))['年収（万円）'], ['380', '申込者の入力']);
    }));
});
