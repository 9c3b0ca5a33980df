import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MynaFetchButton } from '../../src/widget/index.js';
import '../../src/widget/index.js';
import { RelayError } from '../../src/widget/relay-client/index.js';
import { ScriptedRelay, incomeSuccess, jukiNetStopped } from '../../src/widget/relay-client/scripted-relay-client.js';
import { realClick } from './support/real-click.js';

const inner = (el: MynaFetchButton, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const buttonNamed = (el: MynaFetchButton, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === name)!;

async function loanForm(relay: ScriptedRelay, lang = 'ja') {
  const form = await fixture<HTMLFormElement>(html`
    <form lang=${lang}>
      <label for="income">年収（万円）</label>
      <input id="income" name="annualIncome" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" />
      <myna-fetch-button items="localTax.salaryRevenue" timeout="1" .relayClient=${relay}></myna-fetch-button>
    </form>
  `);
  return { form, el: form.querySelector('myna-fetch-button')!, input: form.querySelector('input')! };
}

async function unavailableNotice(lang = 'ja') {
  const relay = new ScriptedRelay([incomeSuccess]);
  relay.availabilityAnswer = jukiNetStopped;
  const setup = await loanForm(relay, lang);
  const unavailable = oneEvent(setup.el, 'myna-fetch-unavailable');
  await realClick(inner(setup.el, '[part="button"]')!);
  const event = await unavailable;
  await setup.el.updateComplete;
  return { ...setup, relay, event };
}

async function fill(el: MynaFetchButton, email: string, confirmation: string) {
  for (const [id, value] of [['email', email], ['emailConfirmation', confirmation]] as const) {
    const input = inner(el, `#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new InputEvent('input'));
  }
  await el.updateComplete;
}

describe('<myna-fetch-button> when the data cannot be fetched now', () => {
  it('says so before the portal: which service is down, until when (Japan time), and three ways on', async () => {
    const { el, relay, event } = await unavailableNotice();
    expect(event.detail).to.deep.equal({ nextAvailableAt: '2026-11-23T23:00:00.000Z', servers: ['juki-net'], reason: 'unavailable' });
    expect(relay.started).to.have.length(0);
    expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(el.matches(':state(unavailable)')).to.equal(true);
    const notice = inner(el, '[part="notice"]')!.textContent!;
    expect(notice).to.contain('住民基本台帳ネットワークシステム').and.contain('11月24日(火) 8:00 以降');
    expect(notice).to.contain('住民基本台帳ネットワークシステム（計画停止）');
    expect(notice).to.not.contain('マイナポータル、');
    expect(inner(el, '[role="status"]')!.textContent).to.contain('現在、マイナポータルから情報を取得できません');
    for (const name of ['直接入力する', 'あとで試す', 'メールで知らせてもらう']) expect(buttonNamed(el, name)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('in English, with the time in Japan time', async () => {
    const { el } = await unavailableNotice('en');
    expect(inner(el, '[part="notice"]')!.textContent).to.contain('Resident Registry Network (planned stop)').and.contain('Tue 24 Nov, 08:00');
    await expect(el).to.be.accessible();
  });

  it('“enter manually” puts the cursor in the host field the data was meant for', async () => {
    const { el, input } = await unavailableNotice();
    await realClick(buttonNamed(el, '直接入力する'));
    expect(document.activeElement).to.equal(input);
    expect(el.matches(':state(idle)')).to.equal(true);
    expect(inner(el, '[part="notice"]')).to.equal(null);
  });

  it('“come back later” closes the notice and returns focus to the button', async () => {
    const { el } = await unavailableNotice();
    await realClick(buttonNamed(el, 'あとで試す'));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === inner(el, '[part="button"]')).to.equal(true, 'focus back on the button');
    expect(el.matches(':state(idle)')).to.equal(true);
  });
});

describe('<myna-fetch-button> email fallback form', () => {
  async function openForm(lang = 'ja') {
    const setup = await unavailableNotice(lang);
    await realClick(buttonNamed(setup.el, lang === 'en' ? 'Email me' : 'メールで知らせてもらう'));
    await setup.el.updateComplete;
    return setup;
  }

  it('opens with the cursor in the email field, labelled as in figure 6-2', async () => {
    const { el } = await openForm();
    expect(el.matches(':state(fallback)')).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(inner(el, '#email'));
    const text = inner(el, '[part="fallback"]')!.textContent!;
    expect(text).to.contain('登録するメールアドレス').and.contain('登録するメールアドレス再入力').and.contain('登録');
    await expect(el).to.be.accessible();
  });

  for (const [email, confirmation, field, message] of [
    ['', '', 'email', 'メールアドレスを入力してください'],
    ['taro@', 'taro@', 'email', '形式が正しくありません'],
    [`${'a'.repeat(250)}@example.jp`, `${'a'.repeat(250)}@example.jp`, 'email', '長すぎます'],
    ['taro@example.jp', 'taro@example.com', 'emailConfirmation', '同じメールアドレス'],
  ] as const) {
    it(`refuses ${JSON.stringify(email.slice(0, 20))} / ${JSON.stringify(confirmation.slice(0, 20))} with an inline error on ${field}`, async () => {
      const { el, relay } = await openForm();
      await fill(el, email, confirmation);
      await realClick(buttonNamed(el, '登録'));
      await el.updateComplete;
      const input = inner(el, `#${field}`)!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const describedBy = input.getAttribute('aria-describedby')!;
      expect(inner(el, `#${describedBy}`)!.textContent).to.contain(message);
      expect(el.shadowRoot!.activeElement).to.equal(inner(el, '[aria-invalid="true"]'));
      expect(inner(el, '[role="status"]')!.textContent).to.contain('入力内容を確認してください');
      expect(relay.registrations).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  }

  it('registers once even when 「登録」 is pressed twice, and never puts the address in the event', async () => {
    const { el, relay } = await openForm();
    relay.fallbackAnswer = { delayMs: 300 };
    const registered: Event[] = [];
    el.addEventListener('myna-fetch-fallback-registered', (event) => registered.push(event));
    await fill(el, 'taro@example.jp', 'taro@example.jp');
    const event = oneEvent(el, 'myna-fetch-fallback-registered');
    const submit = buttonNamed(el, '登録');
    submit.click();
    submit.click();
    await sendKeys({ press: 'Enter' });
    const { detail } = await event;
    expect(relay.registrations).to.have.length(1);
    expect(relay.registrations[0]!.request).to.include({ email: 'taro@example.jp', emailConfirmation: 'taro@example.jp', reason: 'unavailable', lang: 'ja' });
    expect(detail.registrationId).to.equal(`reg-${relay.registrations[0]!.idempotencyKey.slice(0, 8)}`);
    expect(JSON.stringify(detail)).to.not.contain('taro');
    await el.updateComplete;
    expect(el.matches(':state(registered)')).to.equal(true);
    expect(inner(el, '[role="status"]')!.textContent).to.contain('メールアドレスを登録しました');
    expect(registered).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('shows the relay’s refusal of an address inline, keeping what was typed', async () => {
    const { el, relay } = await openForm();
    relay.fallbackAnswer = new RelayError('email-invalid', 400, 'email');
    await fill(el, 'taro@example.jp', 'taro@example.jp');
    await realClick(buttonNamed(el, '登録'));
    await waitUntil(() => inner(el, '#email')!.getAttribute('aria-invalid') === 'true', 'inline error');
    expect((inner(el, '#email') as HTMLInputElement).value).to.equal('taro@example.jp');
    expect(el.matches(':state(fallback)')).to.equal(true);
  });

  it('cancel returns to the form with nothing registered', async () => {
    const { el, relay } = await openForm();
    await realClick(buttonNamed(el, '中止する'));
    await el.updateComplete;
    expect(el.matches(':state(idle)')).to.equal(true);
    expect(el.shadowRoot!.activeElement === inner(el, '[part="button"]')).to.equal(true, 'focus back on the button');
    expect(relay.registrations).to.have.length(0);
  });

  it('works in English', async () => {
    const { el } = await openForm('en');
    expect(inner(el, '[part="fallback"]')!.textContent).to.contain('Email address again');
    await fill(el, 'x', 'y');
    await realClick(buttonNamed(el, 'Register'));
    await el.updateComplete;
    expect(inner(el, '#email-error')!.textContent).to.contain('not a valid email address');
    await expect(el).to.be.accessible();
  });
});

describe('<myna-fetch-button> when retrieval takes too long', () => {
  it('shows the figure 6-1 notice after the timeout, keeps waiting on request, and offers the mail with the pending flow', async () => {
    const relay = new ScriptedRelay([{ status: 'pending', elapsedMs: 1 }]);
    const { el } = await loanForm(relay);
    const notices: Event[] = [];
    el.addEventListener('myna-fetch-unavailable', (event) => notices.push(event));
    await realClick(inner(el, '[part="button"]')!);
    await waitUntil(() => !buttonNamed(el, 'マイナポータルへ進む')?.disabled, 'disclosure loaded');
    await realClick(buttonNamed(el, 'マイナポータルへ進む'));
    const unavailable = oneEvent(el, 'myna-fetch-unavailable');
    expect((await unavailable).detail.reason).to.equal('timeout');
    const progress = el.shadowRoot!.querySelector('progress')!;
    expect(progress.max).to.equal(1);
    expect(progress.value).to.equal(1, 'the bar is full at the timeout');
    await el.updateComplete;
    expect(inner(el, '[role="status"]')!.textContent).to.contain('時間を要しております');
    await expect(el).to.be.accessible();
    await realClick(buttonNamed(el, 'このまま待つ'));
    expect(inner(el, '[part="notice"]')).to.equal(null);
    expect(el.matches(':state(waiting)')).to.equal(true);
    expect(notices).to.have.length(1);
  });

  it('counts the timeout from the consent, not from the start: time spent at the portal does not bring the notice forward', async () => {
    // Three seconds at the portal (timeout 1 s), then retrieval starts: the relay says consent was 0 ms ago.
    const awaiting = { status: 'awaiting-consent' } as const;
    const relay = new ScriptedRelay([awaiting, awaiting, { status: 'pending', elapsedMs: 0 }]);
    const { el } = await loanForm(relay);
    const notices: string[] = [];
    el.addEventListener('myna-fetch-unavailable', (event) => notices.push(event.detail.reason));
    await realClick(inner(el, '[part="button"]')!);
    await waitUntil(() => !buttonNamed(el, 'マイナポータルへ進む')?.disabled, 'disclosure loaded');
    await realClick(buttonNamed(el, 'マイナポータルへ進む'));
    await waitUntil(() => el.matches(':state(waiting)'), 'waiting shown', { timeout: 5000 });
    await el.updateComplete;
    expect(relay.polls).to.have.length(3);
    expect(notices).to.deep.equal([], 'no notice on the first answer after the consent');
    expect(inner(el, '[part="notice"]')).to.equal(null);
    expect(inner(el, '#elapsed')!.textContent).to.equal('経過時間 0 秒');
    await waitUntil(() => notices.length > 0, 'the notice after the timeout', { timeout: 5000 });
    expect(notices).to.deep.equal(['timeout']);
    expect(relay.polls.length).to.be.at.least(4, 'a second after the consent, not at once');
  });

  it('cancelling the email form opened from the timeout notice cancels the flow: one myna-fetch-cancel, step "waiting", the relay told', async () => {
    const relay = new ScriptedRelay([{ status: 'pending', elapsedMs: 1 }]);
    const { el, input } = await loanForm(relay);
    const cancels: string[] = [];
    el.addEventListener('myna-fetch-cancel', (event) => cancels.push(event.detail.step));
    await realClick(inner(el, '[part="button"]')!);
    await waitUntil(() => !buttonNamed(el, 'マイナポータルへ進む')?.disabled, 'disclosure loaded');
    await realClick(buttonNamed(el, 'マイナポータルへ進む'));
    await oneEvent(el, 'myna-fetch-unavailable');
    await el.updateComplete;
    await realClick(buttonNamed(el, 'メールで知らせてもらう'));
    await el.updateComplete;
    expect(el.matches(':state(fallback)')).to.equal(true);
    await realClick(buttonNamed(el, '中止する'));
    await el.updateComplete;
    expect(el.matches(':state(cancelled)')).to.equal(true);
    expect(cancels).to.deep.equal(['waiting']);
    expect(relay.cancelled).to.deep.equal(['flow-1']);
    expect(relay.registrations).to.have.length(0);
    expect(input.value).to.equal('');
    const polls = relay.polls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(relay.polls.length).to.equal(polls, 'no poll after the cancel');
  });
});
