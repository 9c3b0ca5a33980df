import type { MynaFetchSuccessEvent } from '../../../src/widget/index.js';
import { createApp, defineComponent, ref } from 'vue/dist/vue.esm-browser.js';

// #region vue
const LoanForm = defineComponent({
  props: { relay: { type: String, default: '' }, relayClient: { type: Object, default: null } },
  emits: ['fetched'],
  setup(_props, { emit }) {
    const income = ref('');
    const mapping = { 'localTax.salaryRevenue': { field: 'annualIncome', format: 'man-yen' } };
    const onSuccess = (event: MynaFetchSuccessEvent) => emit('fetched', event.detail.fields);
    return { income, mapping, onSuccess };
  },
  template: `
    <form>
      <label for="income">年収（万円）</label>
      <input id="income" name="annualIncome" v-model="income" />
      <myna-fetch-button :relay="relay" items="localTax.salaryRevenue" purpose="mortgage-prescreen"
        :relay-client.camel.prop="relayClient" :mapping.prop="mapping"
        @myna-fetch-success="onSuccess"></myna-fetch-button>
      <output id="vue-state">{{ income }}</output>
    </form>`,
});

export function mountLoanForm(container: Element, props: { relay?: string; relayClient?: unknown; onFetched?: (fields: Readonly<Record<string, string>>) => void }) {
  const app = createApp(LoanForm, props);
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('myna-');
  app.mount(container);
  return app;
}
// #endregion vue
