import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MynaFetchButton, defineMynaFetchElements } from '../../src/widget/index.js';

describe('<myna-fetch-button>', () => {
  it('is registered and renders an accessible button with the Japanese label by default', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button></myna-fetch-button>`);
    expect(el).to.be.instanceOf(MynaFetchButton);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('マイナポータルから取得する');
    await expect(el).to.be.accessible();
  });

  it('names what it fetches on the button, like the guideline’s 「マイナポータルから所得情報を取得する」', async () => {
    const label = async (items: string, lang = 'ja') => {
      const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items=${items} lang=${lang}></myna-fetch-button>`);
      return el.shadowRoot!.querySelector('button')!.textContent!.trim();
    };
    expect(await label('localTax.salaryRevenue,localTax.taxYear')).to.equal('マイナポータルから所得情報を取得する');
    expect(await label('localTax.salaryRevenue,household')).to.equal('マイナポータルから所得情報・世帯情報を取得する');
    expect(await label('household', 'en')).to.equal('Fetch household information from Mynaportal');
    expect(await label('pension.basicDisabilityPension')).to.equal('マイナポータルから取得する');
  });

  it('follows the page language when it has no lang of its own', async () => {
    const wrapper = await fixture(html`<div lang="en"><myna-fetch-button></myna-fetch-button></div>`);
    const el = wrapper.querySelector('myna-fetch-button')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Fetch from Mynaportal');
  });

  it('tolerates being defined twice (the script loaded twice)', () => {
    expect(() => defineMynaFetchElements()).not.to.throw();
    expect(customElements.get('myna-fetch-button')).to.equal(MynaFetchButton);
  });

  it('shows an accessible configuration error when the relay is missing, and emits one error event', async () => {
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax"></myna-fetch-button>`);
    const errors: Event[] = [];
    el.addEventListener('myna-fetch-error', (event) => errors.push(event));
    const error = oneEvent(el, 'myna-fetch-error');
    el.shadowRoot!.querySelector('button')!.click();
    const { detail } = await error;
    expect(detail.code).to.equal('config-missing-relay');
    expect(detail.retryable).to.equal(false);
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).to.contain('relay');
    expect(el.matches(':state(error)')).to.equal(true);
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('emits a cancelable start event with the parsed item keys', async () => {
    const el = await fixture<MynaFetchButton>(
      html`<myna-fetch-button relay="http://localhost:8787" items=" localTax.salaryRevenue, ,household "></myna-fetch-button>`,
    );
    const start = oneEvent(el, 'myna-fetch-start');
    el.shadowRoot!.querySelector('button')!.click();
    const event = await start;
    expect(event.detail.items).to.deep.equal(['localTax.salaryRevenue', 'household']);
    expect(event.cancelable).to.equal(true);
    expect(event.composed).to.equal(true);
  });
});
