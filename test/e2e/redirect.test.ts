/**
 * Redirect mode in Chromium: the whole tab goes to the portal and comes back to the strict-CSP host
 * page, which picks the flow up, restores what the user had typed and lets them review and fill.
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

describe('redirect mode on a strict-CSP page', () => {
  test('half-filled form → portal in the same tab → back (#myna-flow removed, form restored) → review → fill 567', async () => {
    const session = await newSession(stack.browser, stack.host.origin);
    const { page } = session;
    const pageUrl = stack.url('loan-redirect.html');
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    try {
      await page.goto(pageUrl);
      await halfFill(page);
      const before = await formValues(page);
      assert.deepEqual(before, { ...HALF_FILLED, annualIncome: '' });

      await openDisclosure(page, JA);
      // The first document is about to go: check it while it is there.
      await assertCleanHostPage(session);
      await page.getByRole('button', { name: JA.continue }).click();
      await consentInThisTab(session, stack.portal.sandboxOrigin);

      await page.waitForURL((url) => url.origin === stack.host.origin);
      await waitForPhase(page, 'review');
      const returns = visited.filter((url) => url.startsWith(pageUrl));
      assert.equal(returns.length, 3, `the first visit, the return with the fragment, the fragment removed: ${returns.join(' ')}`);
      assert.match(returns[1]!, /#myna-flow=[\w-]+$/);
      assert.equal(returns[2], pageUrl);
      assert.equal(page.url(), pageUrl);
      assert.equal(await page.evaluate(() => location.hash), '');

      assert.deepEqual(await formValues(page), before, 'the half-filled values are restored');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });

      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      await assertFilledOnce(session, before);
      assert.deepEqual(await session.events('myna-fetch-consent'), [{ flowId: returns[1]!.split('#myna-flow=')[1] }]);
      // Nothing of the flow (secret, form copy) stays in the tab's storage.
      assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
      await assertCleanHostPage(session);
    } finally {
      await session.screenshot('redirect-ja').catch(() => undefined);
      await session.close();
    }
  });
});
