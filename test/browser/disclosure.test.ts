import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MynaFetchButton } from '../../src/widget/index.js';
import '../../src/widget/index.js';
import { ScriptedRelay, incomeSuccess } from '../../src/widget/relay-client/scripted-relay-client.js';
import { realClick } from './support/real-click.js';

const inner = (el: MynaFetchButton, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const buttonNamed = (el: MynaFetchButton, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === name)!;

async function openDisclosure(el: MynaFetchButton) {
  await realClick(inner(el, '[part="button"]'));
  await waitUntil(() => el.shadowRoot!.querySelector<HTMLButtonElement>('dialog[open] button.primary')?.disabled === false, 'disclosure open');
  return el.shadowRoot!.querySelector('dialog')!;
}

describe('<myna-fetch-button> disclosure', () => {
  it('shows who fetches what, from where, why and for how long, in a modal dialog', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax.salaryRevenue" query="at" at="2025-06-01" .relayClient=${new ScriptedRelay([incomeSuccess])}></myna-fetch-button>`);
    const dialog = await openDisclosure(el);
    const text = dialog.textContent!;
    expect(text).to.contain('〇〇銀行').and.contain('給与収入額').and.contain('マイナポータル');
    expect(text).to.contain('2025-06-01 時点').and.contain('住宅ローンの事前審査').and.contain('30 日間').and.contain('マイナンバーカード');
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('disclosure-title');
    expect(el.matches(':state(disclosure)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('is in English when the element says so', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button lang="en" items="localTax.salaryRevenue" .relayClient=${new ScriptedRelay([incomeSuccess])}></myna-fetch-button>`);
    const dialog = await openDisclosure(el);
    expect(dialog.textContent).to.contain('with your consent').and.contain('the latest information').and.contain('Kept for 30 days');
    await expect(el).to.be.accessible();
  });

  it('Esc cancels, emits one cancel at the disclosure step, and returns focus to the button', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax.salaryRevenue" .relayClient=${relay}></myna-fetch-button>`);
    const cancels: Event[] = [];
    el.addEventListener('myna-fetch-cancel', (event) => cancels.push(event));
    await openDisclosure(el);
    const cancel = oneEvent(el, 'myna-fetch-cancel');
    await sendKeys({ press: 'Escape' });
    expect((await cancel).detail.step).to.equal('disclosure');
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(inner(el, '[part="button"]'));
    expect(relay.started).to.have.length(0);
    expect(cancels).to.have.length(1);
    expect(inner(el, '[role="status"]').textContent).to.contain('中止しました');
  });

  it('the cancel button does the same as Esc, and nothing is started', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax.salaryRevenue" .relayClient=${relay}></myna-fetch-button>`);
    await openDisclosure(el);
    const cancel = oneEvent(el, 'myna-fetch-cancel');
    await realClick(buttonNamed(el, '中止する'));
    expect((await cancel).detail.step).to.equal('disclosure');
    expect(relay.started).to.have.length(0);
  });

  it('keyboard only: Enter on the button opens the dialog with focus inside it', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax.salaryRevenue" .relayClient=${new ScriptedRelay([incomeSuccess])}></myna-fetch-button>`);
    inner(el, '[part="button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open, 'dialog open');
    await waitUntil(() => !buttonNamed(el, 'マイナポータルへ進む').disabled, 'loaded');
    expect(el.shadowRoot!.querySelector('dialog')!.contains(el.shadowRoot!.activeElement)).to.equal(true);
  });

  it('offers to continue in this window when the pop-up is blocked', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax.salaryRevenue" .relayClient=${new ScriptedRelay([incomeSuccess])}></myna-fetch-button>`);
    await openDisclosure(el);
    // The browser's pop-up blocker is the one edge we cannot drive on demand: window.open answers null.
    const open = window.open;
    window.open = () => null;
    const error = oneEvent(el, 'myna-fetch-error');
    try {
      buttonNamed(el, 'マイナポータルへ進む').click();
    } finally {
      window.open = open;
    }
    const { detail } = await error;
    expect(detail.code).to.equal('popup-blocked');
    expect(detail.retryable).to.equal(true);
    await el.updateComplete;
    const continueHere = buttonNamed(el, 'この画面のままマイナポータルへ進む');
    await waitUntil(() => el.shadowRoot!.activeElement === continueHere, 'focus moves to the way on');
    expect(inner(el, '[role="status"]').textContent).to.contain('ポップアップ');
    await expect(el).to.be.accessible();
  });
});

describe('<myna-fetch-button> configuration errors', () => {
  for (const [attributes, attribute] of [
    [{ query: 'at', at: '2025-02-30' }, 'at'],
    [{ query: 'range', from: '2025-06-01', to: '2024-06-01' }, 'from'],
    [{ query: 'someday' }, 'query'],
    [{ mode: 'iframe' }, 'mode'],
  ] as const) {
    it(`names the ${attribute} attribute in a visible error and on the console`, async () => {
      const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax" .relayClient=${new ScriptedRelay([])}></myna-fetch-button>`);
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const logged: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => logged.push(args.join(' '));
      try {
        const error = oneEvent(el, 'myna-fetch-error');
        inner(el, '[part="button"]').click();
        const { detail } = await error;
        expect(detail.code).to.equal('config-invalid');
        expect(detail.message).to.contain(`${attribute} 属性`);
      } finally {
        console.error = original;
      }
      await el.updateComplete;
      expect(inner(el, '[role="status"]').textContent).to.contain(`${attribute} 属性`);
      expect(String(logged[0])).to.contain(`${attribute} 属性`);
      expect(el.matches(':state(error)')).to.equal(true);
    });
  }
});

describe('<myna-fetch-config>', () => {
  it('gives nested buttons its relay client and settings; a button’s own attribute wins', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const config = await fixture(html`
      <myna-fetch-config .relayClient=${relay} mode="popup" lang="en">
        <myna-fetch-button id="a" items="localTax.salaryRevenue"></myna-fetch-button>
        <myna-fetch-button id="b" items="household" lang="ja"></myna-fetch-button>
      </myna-fetch-config>
    `);
    const a = config.querySelector<MynaFetchButton>('#a')!;
    const b = config.querySelector<MynaFetchButton>('#b')!;
    await a.updateComplete;
    expect(inner(a, '[part="button"]').textContent!.trim()).to.equal('Fetch income information from Mynaportal');
    expect(inner(b, '[part="button"]').textContent!.trim()).to.equal('マイナポータルから世帯情報を取得する');
    await openDisclosure(a);
    expect(a.shadowRoot!.querySelector('dialog')!.textContent).to.contain('〇〇銀行');
  });
});
