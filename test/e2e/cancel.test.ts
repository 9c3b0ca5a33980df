/**
 * Every way the user stops, in Chromium against the real relay and sandbox: the element says so,
 * emits one myna-fetch-cancel with the step, leaves the form alone and emits no success.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Session } from './support/browser.js';
import {
  JA,
  SLOW_CARD,
  assertCleanHostPage,
  consentAtPortal,
  consentInPopup,
  formValues,
  openDisclosure,
  reviewRow,
  statusText,
  waitForPhase,
  watchStartedFlows,
  widget,
  withHalfFilledForm,
} from './support/flow.js';
import { startE2eStack, waitForFlowStatus, type E2eStack } from './support/stack.js';

let stack: E2eStack;
before(async () => {
  // The slow card's result is held back for a minute: long enough to cancel while waiting for it.
  stack = await startE2eStack({ slowDelayMs: 60_000 });
});
after(async () => {
  await stack?.close();
});

const CANCELLED = '取得を中止しました。フォームは変更されていません。';
const CARD_LOCKED = 'マイナンバーカードの暗証番号の誤りが続いたため、取得を中止しました。';
const DISCARDED = '取得した情報は入力せずに破棄しました。';
/** How the relay records a flow the widget called off (`POST /v1/flows/:id/cancel`). */
const CANCELLED_BY_WIDGET = { status: 'cancelled', outcome: { kind: 'cancelled', step: 'widget' } };

/** The widget's own 「中止する」, shown while it starts, while the user is at the portal and while it waits. */
const widgetCancel = (session: Session) => widget(session.page).locator('[part="actions"]').getByRole('button', { name: '中止する' });

/** Relay requests of one kind since `from`. */
const relayCalls = (from: number, method: string, path: RegExp) =>
  stack.portal.relayRequests.slice(from).filter((request) => request.method === method && path.test(request.path));

/** The outcome every cancel shares: one cancel event with `step`, the form untouched, nothing else terminal. */
async function assertCancelledOnce(
  session: Session,
  before: Record<string, string | boolean>,
  step: string,
  message: string,
  { popups = true } = {},
): Promise<void> {
  await waitForPhase(session.page, 'cancelled');
  assert.equal(await statusText(session.page), message);
  assert.deepEqual(await session.events('myna-fetch-cancel'), [{ step }]);
  assert.deepEqual(await session.events('myna-fetch-success'), []);
  assert.deepEqual(await session.events('myna-fetch-error'), []);
  assert.deepEqual(await formValues(session.page), before, 'the form is untouched');
  await assertCleanHostPage(session, { popups });
}

describe('cancelling on a strict-CSP page', () => {
  test('cancel on the sandbox consent screen → cancelled, step "portal", pop-up closed', () =>
    withHalfFilledForm(stack, 'cancel-at-consent', async (session, before) => {
      const { page } = session;
      await openDisclosure(page, JA);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: JA.continue }).click()]);
      await popup.waitForURL((url) => url.origin === stack.portal.sandboxOrigin && url.pathname.startsWith('/interaction/'));
      const closed = popup.waitForEvent('close', { timeout: 15_000 });
      await popup.locator('form.cancel-form').getByRole('button', { name: 'キャンセル' }).click({ noWaitAfter: true });
      await closed;
      await assertCancelledOnce(session, before, 'portal', CANCELLED);
      assert.deepEqual(await session.events('myna-fetch-consent'), []);
    }));

  test('Esc in the disclosure → cancelled, step "disclosure", and no flow was ever started at the relay', () =>
    withHalfFilledForm(stack, 'cancel-in-disclosure', async (session, before) => {
      const { page } = session;
      const firstRequest = stack.portal.relayRequests.length;
      const dialog = await openDisclosure(page, JA);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await assertCancelledOnce(session, before, 'disclosure', CANCELLED);
      assert.equal(session.context.pages().length, 1, 'no pop-up was opened');
      // Give a late request the time to show up before counting.
      await page.waitForTimeout(500);
      const requests = stack.portal.relayRequests.slice(firstRequest);
      assert.equal(requests.filter((request) => request.method === 'GET' && request.path === '/v1/disclosure').length, 1, 'the disclosure was asked for');
      assert.deepEqual(
        requests.filter((request) => request.method !== 'GET'),
        [],
        'no POST /v1/flows (nor any other mutation or preflight) reached the relay',
      );
    }));

  test('three wrong PINs on the card screen → cancelled, step "card-locked"', () =>
    withHalfFilledForm(stack, 'cancel-card-locked', async (session, before) => {
      const { page } = session;
      await openDisclosure(page, JA);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: JA.continue }).click()]);
      await consentAtPortal(popup, stack.portal.sandboxOrigin);
      // 佐藤 健 (third card, PIN 3456): nobody else in this file uses it, and a lock lasts as long as the sandbox.
      const card = popup.locator('input[name="persona"]').nth(2);
      assert.equal(await card.getAttribute('value'), 'sato-ken');
      for (const remaining of [2, 1]) {
        await card.check();
        await popup.locator('#pin').fill('0000');
        await popup.locator('button.primary').click();
        await popup.locator('#pin-error').waitFor();
        assert.match((await popup.locator('#pin-error').textContent()) ?? '', new RegExp(String(remaining)));
      }
      const closed = popup.waitForEvent('close', { timeout: 15_000 });
      await card.check();
      await popup.locator('#pin').fill('0000');
      await popup.locator('button.primary').click({ noWaitAfter: true });
      await closed;
      await assertCancelledOnce(session, before, 'card-locked', CARD_LOCKED, { popups: false });
      assert.deepEqual(await session.events('myna-fetch-consent'), []);
      // The pop-up's only console errors are the two 400 answers to the wrong PINs.
      const popupProblems = session.problems.filter((problem) => problem.page === 'other').map((problem) => problem.text);
      assert.equal(popupProblems.length, 2, popupProblems.join('\n'));
      for (const text of popupProblems) assert.match(text, /status of 400/);
    }));

  test('中止する on the host page while the pop-up shows the portal → the widget closes the pop-up; step "consenting", the relay ends the flow', () =>
    withHalfFilledForm(stack, 'cancel-while-at-portal', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      await openDisclosure(page, JA);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: JA.continue }).click()]);
      await popup.waitForURL((url) => url.origin === stack.portal.sandboxOrigin && url.pathname.startsWith('/interaction/'));
      await waitForPhase(page, 'consenting');
      const closed = popup.waitForEvent('close', { timeout: 15_000 });
      await widgetCancel(session).click();
      await closed;
      await assertCancelledOnce(session, before, 'consenting', CANCELLED);
      assert.deepEqual(await session.events('myna-fetch-consent'), []);
      assert.equal(flows.length, 1);
      assert.deepEqual(await waitForFlowStatus(stack, flows[0]!, 'cancelled'), CANCELLED_BY_WIDGET);
    }));

  test('closing the pop-up by hand at the card screen → cancelled, step "portal-closed", the relay ends the flow', () =>
    withHalfFilledForm(stack, 'cancel-popup-closed', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      await openDisclosure(page, JA);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: JA.continue }).click()]);
      // Consented on the first screen, then the person shuts the window instead of entering the PIN.
      await consentAtPortal(popup, stack.portal.sandboxOrigin);
      await popup.close();
      assert.equal(session.context.pages().length, 1);
      // The widget notices on its next look at the flow (it polls once a second).
      await assertCancelledOnce(session, before, 'portal-closed', CANCELLED);
      assert.deepEqual(await session.events('myna-fetch-consent'), []);
      assert.equal(flows.length, 1);
      assert.deepEqual(await waitForFlowStatus(stack, flows[0]!, 'cancelled'), CANCELLED_BY_WIDGET);
    }));

  test('中止する while waiting for a slow retrieval → cancelled, step "waiting", the relay ends the flow and the widget stops asking', () =>
    withHalfFilledForm(stack, 'cancel-while-waiting', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      await openDisclosure(page, JA);
      await consentInPopup(page, stack.portal.sandboxOrigin, JA, SLOW_CARD);
      await waitForPhase(page, 'waiting');
      assert.equal(await statusText(page), 'マイナポータルから情報を取得しています…');
      assert.match(((await widget(page).locator('#elapsed').textContent()) ?? '').trim(), /^経過時間 \d+ 秒$/);
      assert.equal(flows.length, 1);
      assert.deepEqual(await session.events('myna-fetch-consent'), [{ flowId: flows[0] }]);
      assert.equal((await stack.portal.relay.store.get(flows[0]!))?.status, 'pending', 'the portal is still retrieving');

      await widgetCancel(session).click();
      await assertCancelledOnce(session, before, 'waiting', CANCELLED);
      assert.equal(await widget(page).locator('progress').count(), 0, 'the elapsed-time bar is gone');
      assert.deepEqual(await waitForFlowStatus(stack, flows[0]!, 'cancelled'), CANCELLED_BY_WIDGET);
      // Counted from here: a poll sent just before the click has arrived by now.
      const cancelledAt = stack.portal.relayRequests.length;
      // The widget polled once a second while waiting; give it more than that to show it stopped.
      await page.waitForTimeout(1_500);
      assert.deepEqual(relayCalls(cancelledAt, 'POST', /\/result$/), [], 'no poll after the cancel');
      assert.equal(await widget(page).locator('[part="button"]').isEnabled(), true, 'the button can start again');
    }));

  test('入力しない at the review → cancelled, step "review": nothing filled, the values gone from the page', () =>
    withHalfFilledForm(stack, 'cancel-at-review', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      await openDisclosure(page, JA);
      await consentInPopup(page, stack.portal.sandboxOrigin, JA);
      await waitForPhase(page, 'review');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });
      await widget(page).getByRole('button', { name: '入力しない' }).click();
      await assertCancelledOnce(session, before, 'review', DISCARDED);
      assert.equal(await widget(page).locator('[part="review"]').count(), 0, 'the review is gone');
      assert.doesNotMatch((await widget(page).evaluate((element) => element.shadowRoot?.textContent ?? '')) ?? '', /567/, 'the value is not shown anymore');
      assert.deepEqual(await session.events('myna-fetch-consent'), [{ flowId: flows[0] }]);
      // The relay handed the result over once and keeps nothing of it.
      assert.equal((await waitForFlowStatus(stack, flows[0]!, 'redeemed')).status, 'redeemed');
    }));
});
