/**
 * A blocked pop-up in Chromium with its own pop-up blocker on: 「マイナポータルへ進む」 pressed
 * without a user gesture reaching the page, so that the blocker refuses the window (as Safari does
 * after an await, or a strict blocker always), leads to a visible notice, never to a button that silently does nothing; the notice offers to go
 * on in the same tab, which then works as redirect mode does, the half-filled form kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newSession } from './support/browser.js';
import {
  HALF_FILLED,
  JA,
  assertCleanHostPage,
  assertFilledOnce,
  evaluateWithoutGesture,
  formValues,
  halfFill,
  openDisclosure,
  reviewRow,
  statusText,
  waitForActivationToExpire,
  waitForPhase,
  widget,
  consentInThisTab,
} from './support/flow.js';
import { startE2eStack, type E2eStack } from './support/stack.js';

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack({ popupBlocking: true });
});
after(async () => {
  await stack?.close();
});

const POPUP_BLOCKED =
  'マイナポータルの画面を別ウィンドウで開けませんでした（ポップアップがブロックされました）。入力中の内容は保持されます。';
const CONTINUE_HERE = 'この画面のままマイナポータルへ進む';

describe('a blocked pop-up on a strict-CSP page', () => {
  test('blocked → notice with 「この画面のままマイナポータルへ進む」 → the portal in the same tab → back, form restored → review → 567', async () => {
    const session = await newSession(stack.browser, stack.host.origin);
    const { page } = session;
    const pageUrl = stack.url('loan.html');
    try {
      await page.goto(pageUrl);
      await halfFill(page);
      const before = await formValues(page);
      assert.deepEqual(before, { ...HALF_FILLED, annualIncome: '' });
      await openDisclosure(page, JA);

      // 「マイナポータルへ進む」 pressed once the activation of the last real click has expired, from
      // script: Chromium's blocker refuses the window the widget then opens (Playwright's own clicks
      // and evaluate carry a user gesture, which the blocker lets through).
      await waitForActivationToExpire(page);
      const firstRequest = stack.portal.relayRequests.length;
      await evaluateWithoutGesture(page, `document.querySelector('myna-fetch-button').shadowRoot.querySelector('dialog button.primary').click()`);
      await waitForPhase(page, 'error');
      assert.equal(session.context.pages().length, 1, 'no window was opened');
      assert.equal(await statusText(page), POPUP_BLOCKED);
      assert.deepEqual(await session.events('myna-fetch-error'), [{ code: 'popup-blocked', message: POPUP_BLOCKED, retryable: true }]);
      assert.deepEqual(
        stack.portal.relayRequests.slice(firstRequest).filter((request) => request.method === 'POST'),
        [],
        'no flow was started for the window that never opened',
      );
      // The notice's one way on; nothing to cancel (no flow is under way), and the button can start over.
      const actions = widget(page).locator('[part="actions"]');
      assert.deepEqual((await actions.getByRole('button').allTextContents()).map((text) => text.trim()), [CONTINUE_HERE]);
      assert.equal(await widget(page).locator('[part="button"]').isEnabled(), true);
      assert.deepEqual(await formValues(page), before, 'the form is untouched');
      await session.screenshot('popup-blocked-notice');
      await assertCleanHostPage(session);

      await actions.getByRole('button', { name: CONTINUE_HERE }).click();
      await consentInThisTab(session, stack.portal.sandboxOrigin);
      await page.waitForURL((url) => url.href === pageUrl);
      await waitForPhase(page, 'review');
      assert.deepEqual(await formValues(page), before, 'the half-filled values are restored');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      // The returned document: its own events only (the error was the first document's).
      await assertFilledOnce(session, before);
      assert.equal((await session.events('myna-fetch-consent')).length, 1);
      assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
      await assertCleanHostPage(session);
    } finally {
      await session.screenshot('popup-blocked-continued').catch(() => undefined);
      await session.close();
    }
  });
});
