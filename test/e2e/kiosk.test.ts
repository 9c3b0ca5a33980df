/**
 * Kiosk mode in Chromium (guideline v2.2 chapter 3: a terminal at the counter): the consent runs in
 * the terminal's one tab, as in redirect mode, and the second confirmation before the data reaches
 * the provider (the review) cannot be skipped, not even by a page that asks for `skip-review`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newSession } from './support/browser.js';
import {
  HALF_FILLED,
  JA,
  assertCleanHostPage,
  assertFilledOnce,
  formValues,
  halfFill,
  openDisclosure,
  reviewRow,
  statusText,
  waitForPhase,
  widget,
  consentInThisTab,
} from './support/flow.js';
import { startE2eStack, type E2eStack } from './support/stack.js';

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack();
});
after(async () => {
  await stack?.close();
});

describe('kiosk mode on a strict-CSP page', () => {
  test('half-filled form → portal in the same tab → back (form restored) → mandatory review despite skip-review → fill 567', async () => {
    const session = await newSession(stack.browser, stack.host.origin);
    const { page } = session;
    const pageUrl = stack.url('loan-kiosk.html');
    /** What the widget asked the relay for when it started the flow. */
    const started: unknown[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'POST' && url.origin === stack.portal.relayOrigin && url.pathname === '/v1/flows') started.push(request.postDataJSON());
    });
    try {
      await page.goto(pageUrl);
      assert.equal(await widget(page).getAttribute('mode'), 'kiosk');
      assert.equal(await widget(page).evaluate((element) => element.hasAttribute('skip-review')), true, 'the page asks to skip the review');
      await halfFill(page);
      const before = await formValues(page);
      assert.deepEqual(before, { ...HALF_FILLED, annualIncome: '' });

      await openDisclosure(page, JA);
      await assertCleanHostPage(session);
      await page.getByRole('button', { name: JA.continue }).click();
      // The terminal's own tab goes to the portal: no second window on a kiosk.
      await consentInThisTab(session, stack.portal.sandboxOrigin);
      assert.equal(started.length, 1);
      assert.equal((started[0] as { mode: string }).mode, 'kiosk', 'the relay is told the flow runs on a kiosk');
      assert.equal((started[0] as { returnUrl: string }).returnUrl, pageUrl);

      await page.waitForURL((url) => url.origin === stack.host.origin);
      await waitForPhase(page, 'review');
      assert.equal(page.url(), pageUrl, 'the #myna-flow fragment is gone');
      assert.deepEqual(await formValues(page), before, 'the half-filled values are restored and nothing is filled yet');
      assert.equal(await statusText(page), '取得した情報と入力先を確認してください。');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });
      assert.deepEqual(await session.events('myna-fetch-success'), [], 'skip-review did not skip the review');
      assert.equal((await session.events('myna-fetch-consent')).length, 1);
      // The main button stays disabled while the review is open: the terminal shows one thing at a time.
      assert.equal(await widget(page).locator('[part="button"]').isDisabled(), true);

      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      await assertFilledOnce(session, before);
      // The next person at the terminal finds nothing of this flow in the tab's storage.
      assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
      assert.deepEqual(
        await session.lifecycle(),
        ['myna-fetch-consent', 'myna-fetch-success'],
        'this document saw the consent and the success (the start was in the document before the portal)',
      );
      assert.deepEqual(
        (await session.events('myna-fetch-state')).map((detail) => (detail as { to: string }).to),
        ['consenting', 'review', 'done'],
      );
      await assertCleanHostPage(session);
    } finally {
      await session.screenshot('kiosk-ja').catch(() => undefined);
      await session.close();
    }
  });
});
