/**
 * The whole consent flow in Chromium, popup mode: a strict-CSP host page on localhost with only the
 * built IIFE, the relay and the Mynaportal sandbox on 127.0.0.1, the user clicking through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newSession, type Session } from './support/browser.js';
import {
  EN,
  HALF_FILLED,
  JA,
  assertCleanHostPage,
  assertFilledOnce,
  consentInPopup,
  formValues,
  halfFill,
  openDisclosure,
  reviewRow,
  statusText,
  waitForPhase,
  widget,
} from './support/flow.js';
import { PURPOSE, SERVICE_NAME, startE2eStack, type E2eStack } from './support/stack.js';

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack();
});
after(async () => {
  await stack?.close();
});

/** Runs `body` in a fresh context and saves a screenshot of wherever it ended. */
async function withSession(name: string, body: (session: Session) => Promise<void>, locale?: string): Promise<void> {
  const session = await newSession(stack.browser, stack.host.origin, locale === undefined ? {} : { locale });
  try {
    await body(session);
  } finally {
    await session.screenshot(name).catch(() => undefined);
    await session.close();
  }
}

/** Relay requests of one kind since `from`. */
const relayCalls = (from: number, method: string, path: RegExp) =>
  stack.portal.relayRequests.slice(from).filter((request) => request.method === method && path.test(request.path));

describe('popup mode on a strict-CSP page', () => {
  test('ja: disclosure → consent → PIN → review 567 → fill; one success, half-filled inputs kept, pop-up closed itself', () =>
    withSession('popup-ja', async (session) => {
      const { page } = session;
      const firstRequest = stack.portal.relayRequests.length;
      await page.goto(stack.url('loan.html'));
      await halfFill(page);
      const before = await formValues(page);
      assert.deepEqual(before, { ...HALF_FILLED, annualIncome: '' });

      const dialog = await openDisclosure(page, JA);
      const disclosure = (await dialog.textContent()) ?? '';
      assert.deepEqual(await dialog.getByRole('listitem').allTextContents(), ['給与収入額']);
      assert.ok(disclosure.includes(`${SERVICE_NAME}は、あなたの同意を得て、マイナポータル（デジタル庁）から次の情報を取得します。`), disclosure);
      assert.ok(disclosure.includes(`利用目的: ${PURPOSE}`), disclosure);

      const popup = await consentInPopup(page, stack.portal.sandboxOrigin, JA);
      assert.equal(popup.isClosed(), true, 'the pop-up closed by itself');
      assert.equal(session.context.pages().length, 1);

      await waitForPhase(page, 'review');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });
      assert.equal(await page.locator('#annual-income').inputValue(), '', 'nothing is filled before the review');
      assert.deepEqual(await session.events('myna-fetch-success'), []);

      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      assert.equal(await statusText(page), 'マイナポータルから取得した情報を入力しました。内容をご確認ください。');
      await assertFilledOnce(session, before);

      assert.deepEqual(
        await session.lifecycle(),
        ['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-success'],
      );
      const started = relayCalls(firstRequest, 'POST', /^\/v1\/flows$/);
      assert.equal(started.length, 1);
      assert.equal(started[0]!.origin, stack.host.origin, 'the widget calls the relay from the host page');
      assert.equal(relayCalls(firstRequest, 'GET', /^\/v1\/flows\/[\w-]+\/launch$/).length, 1);
      await assertCleanHostPage(session);
    }));

  test('en (lang="en" on <html>): disclosure and review in English; the flow completes', () =>
    withSession(
      'popup-en',
      async (session) => {
        const { page } = session;
        await page.goto(stack.url('loan-en.html'));
        await halfFill(page);
        const before = await formValues(page);

        const dialog = await openDisclosure(page, EN);
        const disclosure = (await dialog.textContent()) ?? '';
        assert.deepEqual(await dialog.getByRole('listitem').allTextContents(), ['Salary revenue']);
        assert.ok(disclosure.includes(`${SERVICE_NAME} will, with your consent, fetch the following information from Mynaportal (Digital Agency).`), disclosure);
        assert.ok(disclosure.includes('Kept for 30 days after it is fetched, then deleted.'), disclosure);
        assert.doesNotMatch(disclosure, /取得|給与/, 'no Japanese widget strings in the English disclosure');

        await consentInPopup(page, stack.portal.sandboxOrigin, EN);
        await waitForPhase(page, 'review');
        assert.equal(await statusText(page), 'Check the information fetched and where it goes.');
        assert.deepEqual(await reviewRow(page), { label: 'Salary revenue', value: '567', target: 'Goes into: Annual income (10,000 yen)' });

        await widget(page).getByRole('button', { name: EN.fill }).click();
        await waitForPhase(page, 'done');
        assert.equal(await statusText(page), 'The information from Mynaportal has been filled in. Please check it.');
        await assertFilledOnce(session, before);
        await assertCleanHostPage(session);
      },
      'en-GB',
    ));

  test('a page that loads the script twice: one definition, one flow, exactly one success, no CSP violation', () =>
    withSession('popup-script-twice', async (session) => {
      const { page } = session;
      const served = stack.host.requests.length;
      await page.goto(stack.url('loan-twice.html'));
      assert.equal(await page.locator('script[src="/myna-fetch-button.iife.js"]').count(), 2);
      assert.deepEqual(
        stack.host.requests.slice(served).filter((path) => path.endsWith('.js')),
        ['/myna-fetch-button.iife.js', '/myna-fetch-button.iife.js'],
        'the browser fetched the script twice (no-store)',
      );
      // Each element was defined once, whatever the second copy did.
      assert.deepEqual((await session.record()).defines.toSorted(), ['myna-fetch-button', 'myna-fetch-config']);
      await halfFill(page);
      const before = await formValues(page);

      await openDisclosure(page, JA);
      await consentInPopup(page, stack.portal.sandboxOrigin, JA);
      await waitForPhase(page, 'review');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      await assertFilledOnce(session, before);
      assert.equal((await session.events('myna-fetch-start')).length, 1);
      assert.equal((await session.events('myna-fetch-consent')).length, 1);
      await assertCleanHostPage(session);
    }));
});
