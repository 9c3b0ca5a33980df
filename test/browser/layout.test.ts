import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { MynaFetchButton } from '../../src/widget/index.js';
import '../../src/widget/index.js';
import { ScriptedRelay, incomeSuccess, jukiNetStopped } from '../../src/widget/relay-client/scripted-relay-client.js';
import { realClick } from './support/real-click.js';

const buttonNamed = (el: MynaFetchButton, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === name)!;

/** Nothing sticks out sideways, and every control is at least 44 × 44 CSS px (WCAG 2.5.5 / 2.5.8). */
function expectFitsAndTargets(el: MynaFetchButton, width: number) {
  expect(document.documentElement.scrollWidth).to.be.at.most(width, 'no horizontal scrolling');
  for (const control of el.shadowRoot!.querySelectorAll<HTMLElement>('button, input')) {
    const box = control.getBoundingClientRect();
    expect(box.right).to.be.at.most(width + 0.5, `${control.textContent || control.id} inside the viewport`);
    expect(box.height).to.be.at.least(44, `${control.textContent || control.id} is 44 px high`);
    if (control instanceof HTMLButtonElement) expect(box.width).to.be.at.least(44);
  }
}

describe('<myna-fetch-button> on a 320 px wide screen (and 200 % zoom of 640 px)', () => {
  before(() => setViewport({ width: 320, height: 640 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('fits while idle, in review and in the email form, with 44 px targets', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    relay.availabilityAnswer = jukiNetStopped;
    const form = await fixture<HTMLFormElement>(html`
      <form style="margin: 0; padding: 8px">
        <label for="income">年収（万円）</label>
        <input id="income" name="annualIncome" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" />
        <myna-fetch-button items="localTax.salaryRevenue" .relayClient=${relay}></myna-fetch-button>
      </form>
    `);
    const el = form.querySelector('myna-fetch-button')!;
    expectFitsAndTargets(el, 320);

    await realClick(el.shadowRoot!.querySelector('[part="button"]')!);
    await waitUntil(() => el.matches(':state(unavailable)'), 'notice shown');
    expectFitsAndTargets(el, 320);

    await realClick(buttonNamed(el, 'メールで知らせてもらう'));
    await el.updateComplete;
    await realClick(buttonNamed(el, '登録'));
    await el.updateComplete;
    expectFitsAndTargets(el, 320);
    await expect(el).to.be.accessible();
  });

  it('shows the disclosure dialog within the screen', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax.salaryRevenue" .relayClient=${new ScriptedRelay([incomeSuccess])}></myna-fetch-button>`);
    await realClick(el.shadowRoot!.querySelector('[part="button"]')!);
    await waitUntil(() => el.shadowRoot!.querySelector<HTMLButtonElement>('dialog[open] button.primary')?.disabled === false, 'dialog loaded');
    const dialog = el.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
    expect(dialog.left).to.be.at.least(0);
    expect(dialog.right).to.be.at.most(320);
    for (const button of el.shadowRoot!.querySelectorAll<HTMLElement>('dialog button')) {
      expect(button.getBoundingClientRect().height).to.be.at.least(44);
    }
  });
});
