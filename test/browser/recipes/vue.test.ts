import { expect, waitUntil } from '@open-wc/testing';
import type { MynaFetchButton } from '../../../src/widget/index.js';
import '../../../src/widget/index.js';
import { version } from 'vue/dist/vue.esm-browser.js';
import { fetchAndFill, incomeRelay } from './drive.js';
import { mountLoanForm } from './vue-recipe.js';

describe(`recipe: Vue ${version}`, () => {
  it('.prop bindings, @myna-fetch-success: the handler runs once and v-model holds 567', async () => {
    const relay = incomeRelay();
    const container = document.createElement('div');
    document.body.append(container);
    const calls: Readonly<Record<string, string>>[] = [];
    const app = mountLoanForm(container, { relayClient: relay, onFetched: (fields) => calls.push(fields) });
    try {
      const button = container.querySelector<MynaFetchButton>('myna-fetch-button')!;
      expect(customElements.get('myna-fetch-button')).to.exist;
      expect(button.relayClient).to.equal(relay);
      expect(button.mapping).to.deep.equal({ 'localTax.salaryRevenue': { field: 'annualIncome', format: 'man-yen' } });
      expect(button.hasAttribute('mapping')).to.equal(false);

      await fetchAndFill(button);
      await waitUntil(() => container.querySelector('#vue-state')!.textContent === '567', 'v-model updated from the input event');

      expect(calls).to.deep.equal([{ annualIncome: '567' }]);
      expect(container.querySelector('input')!.value).to.equal('567');
      expect(relay.started).to.have.length(1);
    } finally {
      app.unmount();
      container.remove();
    }
  });
});

describe('Vue 3 and custom elements: what works', () => {
  it(':relay-client.prop without .camel sets el["relay-client"], not relayClient', async () => {
    const { createApp, defineComponent } = await import('vue/dist/vue.esm-browser.js');
    const relay = incomeRelay();
    const container = document.createElement('div');
    document.body.append(container);
    const app = createApp(
      defineComponent({
        setup: () => ({ relay }),
        template: `<myna-fetch-button items="localTax.salaryRevenue" :relay-client.prop="relay"></myna-fetch-button>`,
      }),
    );
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('myna-');
    app.mount(container);
    const button = container.querySelector<MynaFetchButton>('myna-fetch-button')!;
    expect(button.relayClient).to.equal(null);
    expect((button as unknown as Record<string, unknown>)['relay-client']).to.equal(relay);
    app.unmount();
    container.remove();
  });
});
