/**
 * The email fallback end to end (guideline Q&A 問1, figures 6-1 … 6-3) in Chromium, on the
 * guideline's hours: on the night of a 3rd Saturday the servers are down, the person on the
 * strict-CSP host page sees why and until when, registers an address; once both clocks (relay and
 * sandbox, moved in process) are past the stop the relay's mail worker sends a mail to a real SMTP
 * server on loopback (the development mail catcher); its single-use link brings the person back to
 * the form, where the whole consent flow now works.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import type { CaughtMail } from '../../src/dev/mail-catcher/index.js';
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
  type Labels,
} from './support/flow.js';
import { SERVICE_NAME, startE2eStack, type E2eStack } from './support/stack.js';

/** 3rd Saturday of November 2026, 23:00 in Japan: juki-net, joho-teikyo-nw and jichitai are stopped. */
const SATURDAY_NIGHT = '2026-11-21T23:00:00+09:00';
/** What the relay answers as nextAvailableAt then: Monday 23 November (勤労感謝の日), midnight. */
const NEXT_AVAILABLE_AT = '2026-11-23T00:00:00.000+09:00';
/** Tuesday morning: everything up. */
const TUESDAY_MORNING = '2026-11-24T09:00:00+09:00';
const DOWN = ['joho-teikyo-nw', 'juki-net', 'jichitai'];

/** The widget's strings this file clicks and reads, per language, on top of the flow's. */
interface FallbackLabels extends Labels {
  page: string;
  jukiNet: string;
  until: string;
  unavailable: string;
  emailMe: string;
  email: string;
  confirmation: string;
  register: string;
  registered: string;
  resumed: string;
  subject: string;
  linkUsed: string;
}

const JA_FALLBACK: FallbackLabels = {
  ...JA,
  page: 'loan.html',
  jukiNet: '住民基本台帳ネットワークシステム',
  until: '11月23日(月) 0:00 以降に取得できます。',
  unavailable: '現在、マイナポータルから情報を取得できません。',
  emailMe: 'メールで知らせてもらう',
  email: '登録するメールアドレス',
  confirmation: '登録するメールアドレス再入力',
  register: '登録',
  registered: 'メールアドレスを登録しました。取得できるようになりましたら、メールでお知らせします。',
  resumed: 'メールのリンクからお戻りいただきました。「マイナポータルから所得情報を取得する」を押して取得してください。',
  subject: `【${SERVICE_NAME}】マイナポータルから情報を取得できるようになりました`,
  linkUsed: 'このリンクはすでに使われています',
};

const EN_FALLBACK: FallbackLabels = {
  ...EN,
  page: 'loan-en.html',
  jukiNet: 'Basic resident registry network system',
  until: 'It can be fetched from Mon 23 Nov, 00:00 (Japan time).',
  unavailable: 'Your information cannot be fetched from Mynaportal right now.',
  emailMe: 'Email me',
  email: 'Email address',
  confirmation: 'Email address again',
  register: 'Register',
  registered: 'Your email address is registered. We will email you when your information can be fetched.',
  resumed: 'Welcome back from the email link. Press “Fetch income information from Mynaportal” to fetch your information.',
  subject: `[${SERVICE_NAME}] Your information can now be fetched from Mynaportal`,
  linkUsed: 'This link was already used',
};

let stack: E2eStack;
before(async () => {
  stack = await startE2eStack({ schedule: 'guideline', clock: SATURDAY_NIGHT, mail: { intervalMs: 200 } });
});
after(async () => {
  await stack?.close();
});

/** Runs `body` in a fresh context; saves a screenshot of wherever it ended. */
async function withSession(name: string, locale: string, body: (session: Session) => Promise<void>): Promise<void> {
  const session = await newSession(stack.browser, stack.host.origin, { locale });
  try {
    await body(session);
  } finally {
    await session.screenshot(name).catch(() => undefined);
    await session.close();
  }
}

const mails = (): readonly CaughtMail[] => stack.mail!.mails();
const mailsTo = (address: string) => mails().filter((mail) => mail.envelopeTo.includes(address));

/** The first mail to `address`, polled for up to `timeoutMs`. */
async function waitForMailTo(address: string, timeoutMs = 10_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [mail] = mailsTo(address);
    if (mail !== undefined) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms (caught: ${mails().length})`);
    await delay(50);
  }
}

/** The resume link in the plain-text body: on the relay's public URL, and the same in the HTML part. */
function resumeLinkOf(mail: CaughtMail): string {
  const pattern = new RegExp(`${stack.portal.relayOrigin.replace(/[.]/g, '\\.')}/v1/resume/[A-Za-z0-9_.-]+`);
  const link = pattern.exec(mail.text ?? '')?.[0];
  assert.ok(link !== undefined, `a resume link on ${stack.portal.relayOrigin} in: ${mail.text ?? ''}`);
  assert.ok((mail.html ?? '').includes(`href="${link}"`), 'the HTML part links the same URL');
  return link;
}

/** Relay requests of one kind since `from`. */
const relayCalls = (from: number, method: string, path: RegExp) =>
  stack.portal.relayRequests.slice(from).filter((request) => request.method === method && path.test(request.path));

/**
 * Figure 6-1 and 6-2 on a host page while the servers are down: the button → the notice (which
 * servers, until when) and exactly one myna-fetch-unavailable → 「メールで知らせてもらう」 → the
 * address twice → 「登録」 → :state(registered) and exactly one myna-fetch-fallback-registered,
 * without the address. No flow is started at the relay, no mail leaves before the servers are up.
 */
async function registerWhileDown(session: Session, labels: FallbackLabels, address: string): Promise<string> {
  const { page } = session;
  const firstRequest = stack.portal.relayRequests.length;
  await page.goto(stack.url(labels.page));
  await widget(page).getByRole('button', { name: labels.button }).click();
  await waitForPhase(page, 'unavailable');
  assert.equal(await statusText(page), labels.unavailable);
  const notice = widget(page).locator('[part="notice"]');
  const noticeText = ((await notice.textContent()) ?? '').replace(/\s+/g, ' ');
  assert.ok(noticeText.includes(labels.jukiNet), `the notice names ${labels.jukiNet}: ${noticeText}`);
  assert.ok(noticeText.includes(labels.until), `the notice says ${labels.until}: ${noticeText}`);

  const unavailable = (await session.events('myna-fetch-unavailable')) as { reason: string; servers: string[]; nextAvailableAt: string | null }[];
  assert.equal(unavailable.length, 1, 'exactly one myna-fetch-unavailable');
  assert.equal(unavailable[0]!.reason, 'unavailable');
  assert.ok(unavailable[0]!.servers.includes('juki-net'), `servers: ${unavailable[0]!.servers.join(', ')}`);
  assert.deepEqual(unavailable[0]!.servers.toSorted(), DOWN.toSorted());
  assert.equal(unavailable[0]!.nextAvailableAt, NEXT_AVAILABLE_AT);

  await notice.getByRole('button', { name: labels.emailMe }).click();
  await waitForPhase(page, 'fallback');
  const form = widget(page).locator('[part="fallback"]');
  await form.getByLabel(labels.email, { exact: true }).fill(address);
  await form.getByLabel(labels.confirmation, { exact: true }).fill(address);
  await form.getByRole('button', { name: labels.register, exact: true }).click();
  await waitForPhase(page, 'registered');
  assert.equal(await statusText(page), labels.registered);

  const registered = (await session.events('myna-fetch-fallback-registered')) as Record<string, unknown>[];
  assert.equal(registered.length, 1, 'exactly one myna-fetch-fallback-registered');
  const [detail] = registered;
  assert.equal(typeof detail!['registrationId'], 'string');
  assert.match(detail!['registrationId'] as string, /^[\w-]{22}$/);
  assert.equal(detail!['reason'], 'unavailable');
  assert.equal('email' in detail!, false, 'the event carries no address');
  assert.ok(!JSON.stringify(detail).includes(address), 'nor anything with the address in it');

  assert.deepEqual(
    await session.lifecycle(),
    ['myna-fetch-start', 'myna-fetch-unavailable', 'myna-fetch-fallback-registered'],
  );
  assert.deepEqual(relayCalls(firstRequest, 'POST', /^\/v1\/flows/), [], 'no flow was started while the servers are down');
  const fallbacks = relayCalls(firstRequest, 'POST', /^\/v1\/fallback$/);
  assert.equal(fallbacks.length, 1);
  assert.equal(fallbacks[0]!.origin, stack.host.origin);

  // The worker looks every 200 ms: a second is several rounds with nothing due.
  await delay(1000);
  assert.deepEqual(mailsTo(address), [], 'no mail before the servers are up');
  await assertCleanHostPage(session);
  return detail!['registrationId'] as string;
}

/** Moves both clocks past the stop; the one mail to `address` arrives within 10 s. */
async function mailAfterTheStop(labels: FallbackLabels, address: string, t: TestContext): Promise<{ mail: CaughtMail; link: string }> {
  const moved = Date.now();
  stack.portal.setClocks(TUESDAY_MORNING);
  assert.ok(stack.portal.sandboxNow().getTime() >= Date.parse(TUESDAY_MORNING), 'the sandbox clock moved too');
  const mail = await waitForMailTo(address, 10_000);
  const tookMs = Date.now() - moved;
  assert.ok(tookMs < 10_000, `the mail took ${tookMs} ms`);
  t.diagnostic(`mail to ${address} arrived ${tookMs} ms after the clocks moved`);
  assert.deepEqual(mail.envelopeTo, [address]);
  assert.equal(mail.to, address);
  assert.equal(mail.subject, labels.subject);
  assert.ok(mail.from.includes(SERVICE_NAME), mail.from);
  const link = resumeLinkOf(mail);
  // One registration, one mail.
  await delay(500);
  assert.equal(mailsTo(address).length, 1);
  return { mail, link };
}

/** Follows the mail's link in `page`: the relay's 303 back to the form with #myna-resume=1, which the element removes. */
async function followLink(session: Session, labels: FallbackLabels, link: string): Promise<void> {
  const { page } = session;
  const pageUrl = stack.url(labels.page);
  const visited: string[] = [];
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  };
  page.on('framenavigated', onNavigated);
  try {
    const response = await page.goto(link);
    assert.equal(response?.status(), 200);
    const redirect = response?.request().redirectedFrom();
    assert.equal(redirect?.url(), link, 'the link itself answered with a redirect');
    assert.equal((await redirect?.response())?.status(), 303);
  } finally {
    page.off('framenavigated', onNavigated);
  }
  assert.ok(
    visited.some((url) => url === `${pageUrl}#myna-resume=1`),
    `back on the form with #myna-resume=1: ${visited.join(' ')}`,
  );
  assert.equal(page.url(), pageUrl, '#myna-resume removed');
  assert.equal(await page.evaluate(() => location.hash), '');
  await waitForPhase(page, 'idle');
  assert.equal(await statusText(page), labels.resumed);
}

/** The link again, in the same tab: spent, so the relay answers 410 with its page. */
async function followSpentLink(page: Page, labels: FallbackLabels, link: string): Promise<void> {
  const again = await page.goto(link);
  assert.equal(again?.status(), 410);
  assert.equal(again?.url(), link, 'no redirect this time');
  assert.ok(((await page.locator('h1').first().textContent()) ?? '').includes(labels.linkUsed));
}

describe('email fallback on the guideline hours (3rd Saturday night → Tuesday morning)', () => {
  test('ja: notice → register → clocks moved → mail → link → back on the form → consent → 567; the link a second time: 410', (t) =>
    withSession('fallback-ja', 'ja-JP', async (session) => {
      const { page } = session;
      const address = 'yamada.taro@example.jp';
      stack.portal.setClocks(SATURDAY_NIGHT);
      await registerWhileDown(session, JA_FALLBACK, address);
      await session.screenshot('fallback-ja-registered');

      const { mail, link } = await mailAfterTheStop(JA_FALLBACK, address, t);
      assert.ok((mail.text ?? '').includes('給与収入額'), 'the mail names the item');
      await followLink(session, JA_FALLBACK, link);
      await session.screenshot('fallback-ja-resumed');

      const firstRequest = stack.portal.relayRequests.length;
      await halfFill(page);
      const before = await formValues(page);
      assert.deepEqual(before, { ...HALF_FILLED, annualIncome: '' });
      await openDisclosure(page, JA);
      const popup = await consentInPopup(page, stack.portal.sandboxOrigin, JA, { index: 0, pin: '1234' });
      assert.equal(popup.isClosed(), true, 'the pop-up closed by itself');
      await waitForPhase(page, 'review');
      assert.deepEqual(await reviewRow(page), { label: '給与収入額', value: '567', target: '入力先: 年収（万円）' });
      await widget(page).getByRole('button', { name: JA.fill }).click();
      await waitForPhase(page, 'done');
      await assertFilledOnce(session, before);
      assert.equal(relayCalls(firstRequest, 'POST', /^\/v1\/flows$/).length, 1);
      assert.deepEqual(await session.events('myna-fetch-fallback-registered'), [], 'nothing of the first visit in this document');
      await assertCleanHostPage(session);
      await session.screenshot('fallback-ja-filled');

      await followSpentLink(page, JA_FALLBACK, link);
      assert.equal(mailsTo(address).length, 1, 'still one mail');
    }));

  test('en (lang="en"): the notice, the form and the mail in English; the link brings the person back, once', (t) =>
    withSession('fallback-en', 'en-GB', async (session) => {
      const { page } = session;
      const address = 'taro.yamada@example.com';
      stack.portal.setClocks(SATURDAY_NIGHT);
      await registerWhileDown(session, EN_FALLBACK, address);
      await session.screenshot('fallback-en-registered');

      const { mail, link } = await mailAfterTheStop(EN_FALLBACK, address, t);
      assert.ok((mail.text ?? '').includes('Salary revenue'), 'the mail names the item');
      assert.doesNotMatch(mail.text ?? '', /取得/, 'no Japanese in the English mail body');
      await followLink(session, EN_FALLBACK, link);
      // The servers are up now: the disclosure opens instead of the notice.
      await openDisclosure(page, EN);
      assert.deepEqual(await session.events('myna-fetch-unavailable'), []);
      await assertCleanHostPage(session);
      await session.screenshot('fallback-en-resumed');

      await followSpentLink(page, EN_FALLBACK, link);
    }));
});
