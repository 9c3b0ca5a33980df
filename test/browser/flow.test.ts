import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { MynaFetchButton } from '../../src/widget/index.js';
import '../../src/widget/index.js';
import { RelayError } from '../../src/widget/relay-client/index.js';
import { ScriptedRelay, incomeSuccess } from '../../src/widget/relay-client/scripted-relay-client.js';
import { realClick } from './support/real-click.js';

async function loanForm(relay: ScriptedRelay) {
  const form = await fixture<HTMLFormElement>(html`
    <form>
      <label for="income">年収（万円）</label>
      <input id="income" name="annualIncome" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" />
      <myna-fetch-button items="localTax.salaryRevenue" .relayClient=${relay}></myna-fetch-button>
    </form>
  `);
  const button = form.querySelector('myna-fetch-button')!;
  const events: string[] = [];
  for (const type of ['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-success', 'myna-fetch-cancel', 'myna-fetch-error', 'myna-fetch-unavailable']) {
    form.addEventListener(type, () => events.push(type));
  }
  const states: string[] = [];
  form.addEventListener('myna-fetch-state', (event) => states.push(event.detail.to));
  return { form, button, input: form.querySelector('input')!, events, states };
}

/** Presses the button, then 「マイナポータルへ進む」 in the disclosure, both as real clicks. */
async function startFetch(el: MynaFetchButton) {
  await realClick(inner(el, '[part="button"]'));
  await waitUntil(() => !buttonNamed(el, 'マイナポータルへ進む')?.disabled, 'disclosure loaded');
  await realClick(buttonNamed(el, 'マイナポータルへ進む'));
}

const inner = (el: MynaFetchButton, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const buttonNamed = (el: MynaFetchButton, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === name)!;

describe('<myna-fetch-button> flow against a scripted relay', () => {
  it('consents, waits, reviews and fills 567 into the annual income field', async () => {
    const relay = new ScriptedRelay([{ status: 'awaiting-consent' }, { status: 'pending', elapsedMs: 900 }, incomeSuccess]);
    const { form, button, input, events, states } = await loanForm(relay);
    const changes: string[] = [];
    input.addEventListener('input', () => changes.push('input'));
    input.addEventListener('change', () => changes.push('change'));

    await startFetch(button);
    await waitUntil(() => button.matches(':state(review)'), 'review shown', { timeout: 8000 });
    expect(relay.started).to.have.length(1);
    expect(relay.started[0]!.items).to.deep.equal(['localTax.salaryRevenue']);
    expect(relay.started[0]!.secretHash).to.match(/^[\w-]{43}$/);
    expect(relay.polls.every((poll) => poll.secret.length === 43)).to.equal(true);
    expect(inner(button, '[part="review"]').textContent).to.contain('給与収入額').and.contain('567').and.contain('年収（万円）');
    expect(input.value).to.equal('', 'nothing filled before review');
    await expect(button).to.be.accessible();

    const success = oneEvent(form, 'myna-fetch-success');
    buttonNamed(button, 'フォームに入力する').click();
    const { detail } = await success;
    expect(input.value).to.equal('567');
    expect(changes).to.deep.equal(['input', 'change']);
    expect(detail.fields).to.deep.equal({ annualIncome: '567' });
    expect(detail.values[0]!.value).to.equal(5_670_000);
    expect(detail.consent.retainUntil).to.equal('2026-12-23');
    expect(events).to.deep.equal(['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-success']);
    expect(states).to.deep.equal(['disclosure', 'starting', 'consenting', 'waiting', 'review', 'done']);
    expect(inner(button, '[role="status"]').textContent).to.contain('入力しました');
  });

  it('lets the host veto the start: nothing is asked of the relay', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const { form, button, events } = await loanForm(relay);
    form.addEventListener('myna-fetch-start', (event) => event.preventDefault());
    await realClick(inner(button, '[part="button"]'));
    await button.updateComplete;
    expect(relay.started).to.have.length(0);
    expect(button.matches(':state(idle)')).to.equal(true);
    expect(events).to.deep.equal(['myna-fetch-start']);
  });

  it('treats a cancel at the portal as a cancel, leaving the form untouched', async () => {
    const relay = new ScriptedRelay([{ status: 'cancelled', step: 'portal' }]);
    const { form, button, input, events } = await loanForm(relay);
    input.value = '480';
    const cancel = oneEvent(form, 'myna-fetch-cancel');
    await startFetch(button);
    expect((await cancel).detail.step).to.equal('portal');
    expect(input.value).to.equal('480');
    expect(events).to.deep.equal(['myna-fetch-start', 'myna-fetch-cancel']);
    await button.updateComplete;
    expect(inner(button, '[role="status"]').textContent).to.contain('フォームは変更されていません');
  });

  it('discarding at review fills nothing', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const { form, button, input, events } = await loanForm(relay);
    await startFetch(button);
    await waitUntil(() => button.matches(':state(review)'), 'review shown', { timeout: 5000 });
    const cancel = oneEvent(form, 'myna-fetch-cancel');
    buttonNamed(button, '入力しない').click();
    expect((await cancel).detail.step).to.equal('review');
    expect(input.value).to.equal('');
    expect(events).to.deep.equal(['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-cancel']);
  });

  it('says when the data cannot be fetched now, in Japan time', async () => {
    const relay = new ScriptedRelay([
      {
        status: 'unavailable',
        nextAvailableAt: '2026-11-23T23:00:00.000Z',
        servers: [{ id: 'juki-net', available: false, nextAvailableAt: '2026-11-23T23:00:00.000Z' }],
      },
    ]);
    const { form, button } = await loanForm(relay);
    const unavailable = oneEvent(form, 'myna-fetch-unavailable');
    await startFetch(button);
    const { detail } = await unavailable;
    expect(detail.servers).to.deep.equal(['juki-net']);
    expect(detail.reason).to.equal('unavailable');
    await button.updateComplete;
    expect(inner(button, '[part="notice"]').textContent).to.contain('11月24日(火) 8:00 以降');
    await expect(button).to.be.accessible();
  });

  it('shows the relay’s refusal with its code and emits one error', async () => {
    const relay = new ScriptedRelay([], new RelayError('item-not-allowed', 400, 'items'));
    const { form, button, events } = await loanForm(relay);
    const error = oneEvent(form, 'myna-fetch-error');
    await startFetch(button);
    const { detail } = await error;
    expect(detail.code).to.equal('config-invalid');
    expect(detail.message).to.contain('items').and.contain('item-not-allowed');
    expect(detail.retryable).to.equal(false);
    expect(events).to.deep.equal(['myna-fetch-start', 'myna-fetch-error']);
  });

  it('can be cancelled while waiting, and tells the relay', async () => {
    const relay = new ScriptedRelay([{ status: 'pending', elapsedMs: 1 }]);
    const { form, button } = await loanForm(relay);
    await startFetch(button);
    await waitUntil(() => button.matches(':state(waiting)'), 'waiting shown', { timeout: 5000 });
    const cancel = oneEvent(form, 'myna-fetch-cancel');
    buttonNamed(button, '中止する').click();
    expect((await cancel).detail.step).to.equal('waiting');
    expect(relay.cancelled).to.deep.equal(['flow-1']);
  });

  it('can be cancelled while the portal is open (step consenting), and tells the relay', async () => {
    const relay = new ScriptedRelay([{ status: 'awaiting-consent' }]);
    const { form, button, events } = await loanForm(relay);
    await startFetch(button);
    await waitUntil(() => button.matches(':state(consenting)'), 'consenting shown', { timeout: 5000 });
    const cancel = oneEvent(form, 'myna-fetch-cancel');
    buttonNamed(button, '中止する').click();
    expect((await cancel).detail.step).to.equal('consenting');
    expect(relay.cancelled).to.deep.equal(['flow-1']);
    expect(events.filter((type) => type === 'myna-fetch-cancel')).to.have.length(1);
  });
});

describe('<myna-fetch-button> mapping property and disabled attribute', () => {
  it('fills fields named by the mapping property, beside data-myna-field, each in its own format', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <label for="income">年収（万円）</label>
        <input id="income" name="annualIncome" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" />
        <label for="exact">給与収入（円）</label>
        <input id="exact" name="salaryYen" />
        <myna-fetch-button items="localTax.salaryRevenue" .relayClient=${relay}
          .mapping=${{ 'localTax.salaryRevenue': { field: 'salaryYen', format: 'grouped' } }}></myna-fetch-button>
      </form>
    `);
    const button = form.querySelector('myna-fetch-button')!;
    await startFetch(button);
    await waitUntil(() => button.matches(':state(review)'), 'review shown', { timeout: 5000 });
    expect(inner(button, '[part="review"]').textContent).to.contain('年収（万円）, 給与収入（円）');
    const success = oneEvent(form, 'myna-fetch-success');
    buttonNamed(button, 'フォームに入力する').click();
    const { detail } = await success;
    expect(detail.fields).to.deep.equal({ annualIncome: '567', salaryYen: '5,670,000' });
    expect(form.querySelector<HTMLInputElement>('#exact')!.value).to.equal('5,670,000');
  });

  it('reports a mapping that names no field as a configuration error, before showing or filling anything', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const { form, button, input, events } = await loanForm(relay);
    button.mapping = { 'localTax.salaryRevenue': 'noSuchField' };
    const original = console.error;
    console.error = () => undefined;
    try {
      const error = oneEvent(form, 'myna-fetch-error');
      await startFetch(button);
      const { detail } = await error;
      expect(detail.code).to.equal('config-invalid');
      expect(detail.message).to.contain('noSuchField');
    } finally {
      console.error = original;
    }
    expect(input.value).to.equal('');
    expect(events).to.deep.equal(['myna-fetch-start', 'myna-fetch-consent', 'myna-fetch-error']);
  });

  it('a disabled button starts nothing', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const { button, events } = await loanForm(relay);
    button.disabled = true;
    await button.updateComplete;
    expect((inner(button, '[part="button"]') as HTMLButtonElement).disabled).to.equal(true);
    expect(button.hasAttribute('disabled')).to.equal(true);
    await realClick(inner(button, '[part="button"]'));
    expect(events).to.deep.equal([]);
    expect(relay.started).to.have.length(0);
  });
});

describe('<myna-fetch-button> hand-off messages', () => {
  it('acts only on a message from its own consent window at the relay’s origin', async () => {
    // The "relay" is this test server's origin, so the consent window is same-origin and scriptable.
    const launchUrl = `${location.origin}/?myna-launch`;
    const relay = new ScriptedRelay([{ status: 'awaiting-consent' }], {
      flowId: 'flow-1',
      launchUrl,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      consent: { service: '〇〇銀行', purpose: '審査', retainUntil: '2026-12-23' },
    });
    const { button } = await loanForm(relay);
    const open = window.open;
    let consentWindow: Window | null = null;
    window.open = (...args) => (consentWindow = open.apply(window, args));
    try {
      await startFetch(button);
    } finally {
      window.open = open;
    }
    await waitUntil(() => consentWindow?.location.href === launchUrl && consentWindow.document.readyState === 'complete', 'consent window loaded');
    // Right after a poll, so the next scheduled one is a second away.
    const polled = relay.polls.length;
    await waitUntil(() => relay.polls.length > polled, 'a scheduled poll');
    const before = relay.polls.length;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
    const message = { type: 'myna-fetch', flowId: 'flow-1', outcome: 'consented' };

    window.postMessage(message, '*'); // right origin, wrong window (the host page itself)
    window.dispatchEvent(new MessageEvent('message', { data: message, origin: 'https://attacker.example', source: consentWindow }));
    const foreign = new (consentWindow as unknown as typeof globalThis).Function('m', "opener.postMessage({ ...m, flowId: 'flow-2' }, '*')");
    foreign(message); // our window, another flow
    await settle();
    expect(relay.polls.length).to.equal(before, 'ignored: wrong window, wrong origin, other flow');

    const genuine = new (consentWindow as unknown as typeof globalThis).Function('m', "opener.postMessage(m, '*')");
    genuine(message);
    await settle();
    expect(relay.polls.length).to.equal(before + 1, 'the genuine hand-off triggers an immediate poll');
    (consentWindow as Window | null)?.close();
  });
});
