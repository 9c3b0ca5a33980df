/**
 * A slow retrieval in Chromium against the real relay and sandbox, on the real timers: the
 * sandbox's slow card (鈴木 一郎) answers 25 s after consent (its default), the widget's timeout is
 * its default, the guideline's 20 s (Q&A 問2: retrieval normally completes within about 20 seconds
 * after consent). After 20 s the figure 6-1 notice appears, announced in the status live region,
 * without taking the focus from what the person is doing; they may keep waiting (the late result
 * still reaches the review) or ask for the email instead (the late result is then not shown, and
 * the mail goes out once the retrieval is over).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_SLOW_DELAY_MS } from '../../src/dev/sandbox/options.js';
import type { Session } from './support/browser.js';
import {
  JA,
  SLOW_CARD,
  assertCleanHostPage,
  consentAtPortal,
  enterPin,
  formValues,
  openDisclosure,
  reviewRow,
  statusText,
  waitForPhase,
  watchStartedFlows,
  widget,
  withHalfFilledForm,
  type SuccessDetail,
} from './support/flow.js';
import { startE2eStack, waitForFlowStatus, type E2eStack } from './support/stack.js';

/** The widget's default timeout (attribute `timeout` unset), figure 6-1's trigger. */
const TIMEOUT_S = 20;

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack({ slowDelayMs: DEFAULT_SLOW_DELAY_MS, mail: true });
});
after(async () => {
  await stack?.close();
});

const TIMEOUT_NOTICE =
  'マイナポータルからの情報取得に時間を要しております。ご自身にてご確認の上で直接入力していただくか、後日お送りするメールより再度お申し込みください。';
const WAITING = 'マイナポータルから情報を取得しています…';
const CANCELLED = '取得を中止しました。フォームは変更されていません。';
/** How the relay records a flow the widget called off. */
const CANCELLED_BY_WIDGET = { status: 'cancelled', outcome: { kind: 'cancelled', step: 'widget' } };

/**
 * Disclosure → pop-up → consent → the slow card's PIN; returns when the pop-up has closed, with the
 * instant the PIN was sent: the relay records the consent after it, so it is a lower bound.
 */
async function consentWithSlowCard(page: Page): Promise<number> {
  await openDisclosure(page, JA);
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: JA.continue }).click()]);
  await consentAtPortal(popup, stack.portal.sandboxOrigin);
  const closed = popup.waitForEvent('close', { timeout: 15_000 });
  const pinSentAt = Date.now();
  await enterPin(popup, SLOW_CARD.index, SLOW_CARD.pin);
  await closed;
  return pinSentAt;
}

/** Until two seconds after the sandbox answered the slow card: whatever the page does with a late result, it has done it. */
async function waitPastSlowAnswer(page: Page, pinSentAt: number): Promise<void> {
  const waitMs = pinSentAt + DEFAULT_SLOW_DELAY_MS + 2_000 - Date.now();
  if (waitMs > 0) await page.waitForTimeout(waitMs);
}

/**
 * While the portal retrieves, the person moves on in the form (focus in the loan amount field);
 * at the timeout the notice appears: exactly one myna-fetch-unavailable with reason `timeout`,
 * the text in the status live region, the three ways on, the focus where the person left it.
 * Returns the seconds from the PIN to the notice.
 */
async function waitForTimeoutNotice(session: Session, pinSentAt: number): Promise<number> {
  const { page } = session;
  await waitForPhase(page, 'waiting');
  assert.equal(await statusText(page), WAITING);
  const notice = widget(page).locator('[part="notice"]');
  assert.equal(await notice.count(), 0, 'no notice right after the consent');
  await page.locator('#loan-amount').focus();

  await notice.waitFor({ timeout: (TIMEOUT_S + 10) * 1000 });
  const seconds = (Date.now() - pinSentAt) / 1000;
  assert.ok(seconds >= TIMEOUT_S, `the notice came ${seconds.toFixed(1)} s after the PIN, before the ${TIMEOUT_S} s after consent`);
  assert.ok(seconds < TIMEOUT_S + 5, `the notice came ${seconds.toFixed(1)} s after the PIN`);

  await waitForPhase(page, 'waiting');
  // role="status" is a polite live region: screen readers announce the notice from it.
  const status = widget(page).getByRole('status');
  assert.equal(((await status.textContent()) ?? '').trim(), TIMEOUT_NOTICE);
  assert.equal(await status.getAttribute('role'), 'status');
  assert.deepEqual(
    (await notice.getByRole('button').allTextContents()).map((text) => text.trim()),
    ['直接入力する', 'このまま待つ', 'メールで知らせてもらう'],
  );
  const progress = widget(page).locator('progress');
  assert.equal(await progress.evaluate((bar: HTMLProgressElement) => [bar.value, bar.max].join('/')), `${TIMEOUT_S}/${TIMEOUT_S}`, 'the bar is full');
  assert.match(((await widget(page).locator('#elapsed').textContent()) ?? '').trim(), /^経過時間 2[0-3] 秒$/);
  assert.deepEqual(await session.events('myna-fetch-unavailable'), [{ nextAvailableAt: null, servers: [], reason: 'timeout' }]);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'loan-amount', 'the notice does not take the focus');
  assert.deepEqual(await session.events('myna-fetch-cancel'), []);
  assert.deepEqual(await session.events('myna-fetch-error'), []);
  return seconds;
}

describe('a slow retrieval past the 20-second notice (real timers)', { concurrency: true }, () => {
  test('鈴木 一郎: waiting → notice at 20 s after consent → このまま待つ → the late result reaches the review → fill 420', () =>
    withHalfFilledForm(stack, 'slow-keep-waiting', async (session, before) => {
      const { page } = session;
      const pinSentAt = await consentWithSlowCard(page);
      await waitForTimeoutNotice(session, pinSentAt);
      await session.screenshot('slow-timeout-notice');

      await widget(page).getByRole('button', { name: 'このまま待つ' }).click();
      assert.equal(await widget(page).locator('[part="notice"]').count(), 0, 'the notice is gone');
      assert.equal(await statusText(page), WAITING);
      await waitForPhase(page, 'waiting');

      // The sandbox answers 25 s after consent; the widget, still polling, shows it for review.
      await waitForPhase(page, 'review', (DEFAULT_SLOW_DELAY_MS - TIMEOUT_S * 1000) + 10_000);
      assert.ok(Date.now() - pinSentAt >= DEFAULT_SLOW_DELAY_MS, 'not before the sandbox answered');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '420', target: '入力先: 年収（万円）' });
      assert.deepEqual(await formValues(page), before, 'nothing filled before the review');
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      assert.deepEqual(await formValues(page), { ...before, annualIncome: '420' });
      const successes = (await session.events('myna-fetch-success')) as SuccessDetail[];
      assert.equal(successes.length, 1, 'exactly one myna-fetch-success');
      assert.deepEqual(successes[0]!.fields, { annualIncome: '420' });
      assert.equal(successes[0]!.values[0]!.value, 4_200_000);
      assert.deepEqual(
        await session.lifecycle(),
        ['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-unavailable', 'myna-fetch-success'],
      );
      await assertCleanHostPage(session);
    }));

  test('鈴木 一郎: notice at 20 s → メールで知らせてもらう → 登録 → registered; the late result is not shown, the mail waits for the retrieval', () =>
    withHalfFilledForm(stack, 'slow-email', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      const pinSentAt = await consentWithSlowCard(page);
      await waitForTimeoutNotice(session, pinSentAt);

      await widget(page).getByRole('button', { name: 'メールで知らせてもらう' }).click();
      await waitForPhase(page, 'fallback');
      const form = widget(page).locator('[part="fallback"]');
      assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id ?? null), 'email', 'the form takes the focus when asked for');
      const address = 'ichiro.suzuki@example.jp';
      await form.getByLabel('登録するメールアドレス', { exact: true }).fill(address);
      await form.getByLabel('登録するメールアドレス再入力', { exact: true }).fill(address);
      await form.getByRole('button', { name: '登録', exact: true }).click();
      await waitForPhase(page, 'registered');
      assert.equal(await statusText(page), 'メールアドレスを登録しました。取得できるようになりましたら、メールでお知らせします。');
      const registered = (await session.events('myna-fetch-fallback-registered')) as { registrationId: string; reason: string }[];
      assert.equal(registered.length, 1);
      assert.equal(registered[0]!.reason, 'timeout');

      // Past the sandbox's answer: the page stays as it is, nothing is filled, the flow is still open at the relay.
      await waitPastSlowAnswer(page, pinSentAt);
      await waitForPhase(page, 'registered');
      assert.deepEqual(await formValues(page), before, 'the form is untouched');
      assert.deepEqual(await session.events('myna-fetch-success'), []);
      assert.equal(await widget(page).locator('[part="review"]').count(), 0);
      assert.deepEqual(
        await session.lifecycle(),
        ['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-unavailable', 'myna-fetch-fallback-registered'],
      );
      assert.equal(flows.length, 1);
      assert.deepEqual(stack.mail!.mails().filter((mail) => mail.envelopeTo.includes(address)), [], 'no mail while the linked retrieval is open');
      assert.equal((await waitForFlowStatus(stack, flows[0]!, 'pending')).status, 'pending');
      await assertCleanHostPage(session);
    }));

  test('鈴木 一郎: notice at 20 s → 直接入力する → cancelled, step "waiting", the focus in the annual income field, the late result not shown', () =>
    withHalfFilledForm(stack, 'slow-enter-manually', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      const pinSentAt = await consentWithSlowCard(page);
      await waitForTimeoutNotice(session, pinSentAt);

      await widget(page).getByRole('button', { name: '直接入力する' }).click();
      await waitForPhase(page, 'cancelled');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'annual-income', 'the person is taken to the field to type it');
      assert.equal(await statusText(page), CANCELLED);
      assert.deepEqual(await session.events('myna-fetch-cancel'), [{ step: 'waiting' }]);
      assert.deepEqual(await waitForFlowStatus(stack, flows[0]!, 'cancelled'), CANCELLED_BY_WIDGET);
      await page.locator('#annual-income').pressSequentially('450');

      await waitPastSlowAnswer(page, pinSentAt);
      await waitForPhase(page, 'cancelled');
      assert.deepEqual(await formValues(page), { ...before, annualIncome: '450' }, 'what the person typed stays');
      assert.deepEqual(await session.events('myna-fetch-success'), []);
      assert.deepEqual(
        await session.lifecycle(),
        ['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-unavailable', 'myna-fetch-cancel'],
      );
      await assertCleanHostPage(session);
    }));

  test('鈴木 一郎: notice at 20 s → メールで知らせてもらう → 中止する in the email form → cancelled, step "waiting": the flow ends with one terminal event', () =>
    withHalfFilledForm(stack, 'slow-email-cancelled', async (session, before) => {
      const { page } = session;
      const flows = watchStartedFlows(page, stack.portal.relayOrigin);
      const pinSentAt = await consentWithSlowCard(page);
      await waitForTimeoutNotice(session, pinSentAt);

      await widget(page).getByRole('button', { name: 'メールで知らせてもらう' }).click();
      await waitForPhase(page, 'fallback');
      await widget(page).locator('[part="fallback"]').getByRole('button', { name: '中止する' }).click();
      await waitForPhase(page, 'cancelled');
      assert.equal(await statusText(page), CANCELLED);
      assert.deepEqual(await session.events('myna-fetch-cancel'), [{ step: 'waiting' }], 'exactly one terminal event for the flow');
      assert.deepEqual(await waitForFlowStatus(stack, flows[0]!, 'cancelled'), CANCELLED_BY_WIDGET);
      assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? null), 'button', 'focus back on the button');

      await waitPastSlowAnswer(page, pinSentAt);
      await waitForPhase(page, 'cancelled');
      assert.deepEqual(await formValues(page), before, 'the form is untouched');
      assert.deepEqual(
        await session.lifecycle(),
        ['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-unavailable', 'myna-fetch-cancel'],
      );
      await assertCleanHostPage(session);
    }));
});
