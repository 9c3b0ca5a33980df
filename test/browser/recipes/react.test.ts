import { expect, waitUntil } from '@open-wc/testing';
import type { MynaFetchButton } from '../../../src/widget/index.js';
import '../../../src/widget/index.js';
import { fetchAndFill, incomeRelay } from './drive.js';
import { LoanForm19, LoanFormControlled, LoanFormWithRef } from './react-recipe.js';
import { createElement, createRoot, reactVersion } from './react.js';

/** Renders outside `act()`, as an app does: state updates come from real events. */
async function render(container: Element, node: Parameters<ReturnType<typeof createRoot>['render']>[0]) {
  const root = createRoot(container);
  root.render(node);
  await waitUntil(() => container.firstElementChild, 'React rendered');
  return root;
}

async function mount(component: typeof LoanFormWithRef, relayClient: MynaFetchButton['relayClient']) {
  const container = document.createElement('div');
  document.body.append(container);
  const calls: Readonly<Record<string, string>>[] = [];
  const onFetched = (fields: Readonly<Record<string, string>>) => calls.push(fields);
  const root = await render(container, createElement(component, { relayClient, onFetched }));
  const button = container.querySelector('myna-fetch-button')!;
  const unmount = () => {
    root.unmount();
    container.remove();
  };
  return { container, button, calls, unmount };
}

const text = (container: Element, selector: string) => container.querySelector(selector)!.textContent;

describe(`recipe: React ${reactVersion}`, () => {
  it('is React 19', () => {
    expect(reactVersion).to.match(/^19\./);
  });

  it('a controlled input with data-myna-field: React’s onChange sees the fill, state holds 567', async () => {
    const relay = incomeRelay();
    const { container, button, unmount } = await mount(LoanFormControlled, relay);
    try {
      await fetchAndFill(button);
      await waitUntil(() => text(container, '#react-state') === '567', 'React state updated through onChange');
      expect(container.querySelector('input')!.value).to.equal('567');
    } finally {
      unmount();
    }
  });

  for (const [name, component] of [
    ['properties and listener through a ref', LoanFormWithRef],
    ['React 19 native props and onmyna-fetch-success', LoanForm19],
  ] as const) {
    it(`${name}: the handler runs once and the state holds 567`, async () => {
      const relay = incomeRelay();
      const { container, button, calls, unmount } = await mount(component, relay);
      try {
        expect(button.relayClient).to.equal(relay, 'relayClient set as a property');
        expect(button.mapping).to.deep.equal({ 'localTax.salaryRevenue': { field: 'annualIncome', format: 'man-yen' } });
        expect(button.hasAttribute('mapping')).to.equal(false, 'no [object Object] attribute');
        expect(button.items).to.equal('localTax.salaryRevenue', 'React 19 sets a known property, not the attribute');

        await fetchAndFill(button);
        await waitUntil(() => text(container, '#react-state') === '567', 'React state updated');

        expect(calls).to.deep.equal([{ annualIncome: '567' }]);
        expect(text(container, '#react-state')).to.equal('567');
        expect(container.querySelector('input')!.value).to.equal('567');
        expect(relay.started).to.have.length(1);
      } finally {
        unmount();
      }
    });
  }
});

describe('React 19 and custom elements: what works', () => {
  it('a camelCase onMynaFetchSuccess prop is not a listener (React listens for "MynaFetchSuccess")', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const seen: string[] = [];
    const root = await render(
      container,
      createElement('myna-fetch-button', {
        items: 'localTax.salaryRevenue',
        onMynaFetchSuccess: () => seen.push('camel'),
        'onmyna-fetch-success': () => seen.push('exact'),
      }),
    );
    const button = container.querySelector('myna-fetch-button')!;
    button.dispatchEvent(new Event('myna-fetch-success'));
    expect(seen).to.deep.equal(['exact']);
    root.unmount();
    container.remove();
  });

  it('a bare controlled input sees the fill through onChange exactly once (the element writes through the native setter)', async () => {
    const relay = incomeRelay();
    const container = document.createElement('div');
    document.body.append(container);
    const changes: string[] = [];
    const root = await render(
      container,
      createElement(
        'form',
        null,
        createElement('input', {
          name: 'annualIncome',
          'data-myna-field': 'localTax.salaryRevenue',
          value: '',
          onChange: (e: { target: HTMLInputElement }) => changes.push(e.target.value),
        }),
        createElement('myna-fetch-button', { items: 'localTax.salaryRevenue', relayClient: relay }),
      ),
    );
    await fetchAndFill(container.querySelector('myna-fetch-button')!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes).to.deep.equal(['5670000']);
    root.unmount();
    container.remove();
  });
});
