import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { newSession, type Session } from './browser.js';
import { PURPOSE, SERVICE_NAME, type E2eStack } from './stack.js';

/** The one `<myna-fetch-button>` of a fixture page. */
export const widget = (page: Page): Locator => page.locator('myna-fetch-button');

/** Waits until the element is in custom state `:state(<phase>)`. */
export async function waitForPhase(page: Page, phase: string, timeout = 15_000): Promise<void> {
  // A function, not a string: the page's CSP forbids eval, and Playwright evaluates strings with it.
  await page.waitForFunction((state) => document.querySelector('myna-fetch-button')?.matches(`:state(${state})`) === true, phase, {
    timeout,
  });
}

/** The element's status line (its `part="status"` live region). */
export async function statusText(page: Page): Promise<string> {
  return ((await widget(page).locator('[part="status"]').textContent()) ?? '').trim();
}

/** Presses the widget's button and waits for the disclosure dialog to have loaded what it discloses. */
export async function openDisclosure(page: Page, labels: { button: string; title: string; continue: string }): Promise<Locator> {
  await widget(page).getByRole('button', { name: labels.button }).click();
  const dialog = page.getByRole('dialog', { name: labels.title });
  await dialog.waitFor();
  // Enabled once the relay's disclosure has arrived.
  await page.waitForFunction(() => document.querySelector('myna-fetch-button')?.shadowRoot?.querySelector('dialog button.primary:enabled') != null);
  assert.equal(await dialog.getByRole('button', { name: labels.continue }).isEnabled(), true);
  return dialog;
}

/** What the sandbox's consent screen must show for the e2e relay: who asks, why, and what for. */
export const PORTAL_SHOWS: readonly string[] = [SERVICE_NAME, PURPOSE, '給与収入額'];

/** The sandbox's consent screen (guideline figure 2.3-3): checks who asks what for (`shown`), ticks 「同意する」, goes on. */
export async function consentAtPortal(portal: Page, sandboxOrigin: string, shown: readonly string[] = PORTAL_SHOWS): Promise<void> {
  await portal.waitForURL((url) => url.origin === sandboxOrigin && url.pathname.startsWith('/interaction/'));
  const summary = ((await portal.locator('.request-summary').textContent()) ?? '').replace(/\s+/g, ' ');
  for (const text of shown) assert.ok(summary.includes(text), `the portal shows ${text}: ${summary}`);
  await portal.locator('#agree').check();
  await portal.locator('button.primary').click();
  await portal.locator('input[name="persona"]').first().waitFor();
}

/** The card screen: picks the test card at `index` (0: 山田 太郎) and enters `pin`. */
export async function enterPin(portal: Page, index: number, pin: string): Promise<void> {
  await portal.locator('input[name="persona"]').nth(index).check();
  await portal.locator('#pin').fill(pin);
  await portal.locator('button.primary').click({ noWaitAfter: true });
}

/** What the user types before fetching: some fields, not the annual income. */
export const HALF_FILLED = {
  fullName: '山田 太郎',
  employer: '株式会社みなと製作所',
  employment: 'regular',
  loanAmount: '3500',
  contactByMail: true,
} as const;

export async function halfFill(page: Page): Promise<void> {
  await page.locator('#full-name').fill(HALF_FILLED.fullName);
  await page.locator('#employer').fill(HALF_FILLED.employer);
  await page.locator('#employment').selectOption(HALF_FILLED.employment);
  await page.locator('#loan-amount').fill(HALF_FILLED.loanAmount);
  await page.locator('#contact-by-mail').check();
}

/** Runs `body` on a fresh page with the half-filled loan form and saves a screenshot of the end state as `name`. */
export async function withHalfFilledForm(
  stack: E2eStack,
  name: string,
  body: (session: Session, before: Record<string, string | boolean>) => Promise<void>,
): Promise<void> {
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

/** The host form as the user sees it. */
export async function formValues(page: Page): Promise<Record<string, string | boolean>> {
  return {
    fullName: await page.locator('#full-name').inputValue(),
    employer: await page.locator('#employer').inputValue(),
    employment: await page.locator('#employment').inputValue(),
    annualIncome: await page.locator('#annual-income').inputValue(),
    loanAmount: await page.locator('#loan-amount').inputValue(),
    contactByMail: await page.locator('#contact-by-mail').isChecked(),
  };
}

/** The strings a test clicks and reads, per language. */
export interface Labels {
  button: string;
  title: string;
  continue: string;
  fill: string;
}

export const JA: Labels = { button: 'マイナポータルから所得情報を取得する', title: 'マイナポータルから情報を取得します', continue: 'マイナポータルへ進む', fill: 'フォームに入力する' };
export const EN: Labels = { button: 'Fetch income information from Mynaportal', title: 'Fetching your information from Mynaportal', continue: 'Continue to Mynaportal', fill: 'Fill in the form' };

/** From 「マイナポータルへ進む」 through the pop-up (consent, test card `index`, `pin`) until the pop-up has closed itself. */
export async function consentInPopup(
  page: Page,
  sandboxOrigin: string,
  labels: Labels,
  card = { index: 0, pin: '1234' },
  shown: readonly string[] = PORTAL_SHOWS,
): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: labels.continue }).click()]);
  await consentAtPortal(popup, sandboxOrigin, shown);
  const closed = popup.waitForEvent('close', { timeout: 15_000 });
  await enterPin(popup, card.index, card.pin);
  await closed;
  return popup;
}

/**
 * Consent and PIN in the page's own tab (redirect, kiosk, or after a blocked pop-up): no second
 * window is ever opened. Resolves once the PIN is sent; the caller waits for the way back.
 */
export async function consentInThisTab(
  session: Session,
  sandboxOrigin: string,
  card = { index: 0, pin: '1234' },
  shown: readonly string[] = PORTAL_SHOWS,
): Promise<void> {
  await consentAtPortal(session.page, sandboxOrigin, shown);
  assert.equal(session.context.pages().length, 1, 'the portal opened in the same tab, no pop-up');
  await enterPin(session.page, card.index, card.pin);
}

/** The review's one row: label, value as it will be written, and the field it goes into. */
export async function reviewRow(page: Page): Promise<{ label: string; value: string; target: string }> {
  const review = widget(page).locator('[part="review"]');
  assert.equal(await review.locator('dt').count(), 1);
  const text = async (selector: string) => ((await review.locator(selector).textContent()) ?? '').trim().replace(/\s+/g, ' ');
  return { label: await text('dt'), value: await text('.value'), target: await text('.target') };
}

export interface SuccessDetail {
  fields: Record<string, string>;
  values: { key: string; value: unknown; unit: string; labelJa: string; labelEn: string }[];
}

/**
 * After 「フォームに入力する」: the annual income input holds 567 (5,670,000 yen in 万円), the rest of
 * the form is as the user left it, and the page saw exactly one success and nothing that ends a flow otherwise.
 */
export async function assertFilledOnce(session: Session, before: Record<string, string | boolean>): Promise<void> {
  const { page } = session;
  assert.equal(before['annualIncome'], '', 'the annual income was empty before');
  assert.deepEqual(await formValues(page), { ...before, annualIncome: '567' });
  const successes = (await session.events('myna-fetch-success')) as SuccessDetail[];
  assert.equal(successes.length, 1, 'exactly one myna-fetch-success');
  const [success] = successes;
  assert.deepEqual(success!.fields, { annualIncome: '567' });
  assert.equal(success!.values.length, 1);
  assert.equal(success!.values[0]!.key, 'localTax.salaryRevenue');
  assert.equal(success!.values[0]!.value, 5670000);
  assert.equal(success!.values[0]!.unit, 'JPY');
  assert.deepEqual(await session.events('myna-fetch-cancel'), []);
  assert.deepEqual(await session.events('myna-fetch-error'), []);
  assert.deepEqual(await session.events('myna-fetch-unavailable'), []);
}

/**
 * No CSP or Trusted Types violation and no console error or exception on the host page; with
 * `popups`, none either on the pages the pop-up showed (relay, sandbox).
 */
export async function assertCleanHostPage(session: Session, { popups = true } = {}): Promise<void> {
  assert.deepEqual((await session.record()).violations, [], 'securitypolicyviolation events on the host page');
  assert.deepEqual(session.hostProblems(), [], 'console errors on the host page');
  if (popups) assert.deepEqual(session.problems, [], 'console errors in the pop-up');
}

/**
 * The ids of the flows the page starts from now on, read from the relay's answers to
 * `POST /v1/flows` as the browser receives them (observed, not intercepted).
 */
export function watchStartedFlows(page: Page, relayOrigin: string): string[] {
  const ids: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.request().method() !== 'POST' || url.origin !== relayOrigin || url.pathname !== '/v1/flows' || response.status() !== 201) return;
    void response.json().then(
      (body: { flowId: string }) => ids.push(body.flowId),
      () => undefined,
    );
  });
  return ids;
}

/** The pop-up's card screen: the slow card (鈴木 一郎, PIN 4567), whose result the sandbox holds back. */
export const SLOW_CARD = { index: 3, pin: '4567', id: 'suzuki-ichiro' } as const;

/**
 * Runs `expression` in the page as the page's own script would, with no user gesture: Playwright's
 * `evaluate` and its input events count as one (transient user activation), raw CDP need not.
 */
export async function evaluateWithoutGesture(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, userGesture: false, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as unknown;
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits until the page's transient user activation from the last click or key press has expired
 * (about 5 s in Chromium): from then on a `window.open` is what a pop-up blocker refuses.
 */
export async function waitForActivationToExpire(page: Page, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await evaluateWithoutGesture(page, 'navigator.userActivation.isActive')) === true) {
    if (Date.now() > deadline) throw new Error(`the page still has user activation after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
