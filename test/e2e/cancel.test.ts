/**
 * Every way the user stops, in Chromium against the real relay and sandbox: the element says so,
 * emits one myna-fetch-cancel with the step, leaves the form alone and emits no success.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newSession, type Session } from './support/browser.js';
import { HALF_FILLED, JA, assertCleanHostPage, consentAtPortal, formValues, halfFill, openDisclosure, statusText, waitForPhase } from './support/flow.js';
import { startE2eStack, type E2eStack } from './support/stack.js';

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack();
});
after(async () => {
  await stack?.close();
});

const CANCELLED = '取得を中止しました。フォームは変更されていません。';
const CARD_LOCKED = 'マイナンバーカードの暗証番号の誤りが続いたため、取得を中止しました。';

/** Runs `body` on a fresh page with the half-filled loan form and saves a screenshot of the end state. */
async function withHalfFilledForm(name: string, body: (session: Session, before: Record<string, string | boolean>) => Promise<void>): Promise<void> {
  const session = await newSession(stack.browser, stack.host.origin);
  try {
    await session.page.goto(stack.url('loan.html'));
    await halfFill(session.page);
    const before = await formValues(session.page);
    assert.deepEqual(before, { ...HALF_FILLED, annualIncome: '' });
    await body(session, before);
  } finally {
    await session.screenshot(name).catch(() => undefined);
    await session.close();
  }
}

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
    withHalfFilledForm('cancel-at-consent', async (session, before) => {
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
    withHalfFilledForm('cancel-in-disclosure', async (session, before) => {
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
    withHalfFilledForm('cancel-card-locked', async (session, before) => {
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
});
