import type { MynaFetchButton, MynaFetchSuccessEvent } from '../../../src/widget/index.js';
import { createElement as h, useEffect, useRef, useState } from './react.js';

interface LoanFormProps {
  relay?: string;
  /** Tests and Storybook only; without it the element talks HTTP to `relay`. */
  relayClient?: MynaFetchButton['relayClient'];
  onFetched?: (fields: Readonly<Record<string, string>>) => void;
}

// #region react-ref
const MAPPING = { 'localTax.salaryRevenue': { field: 'annualIncome', format: 'man-yen' } } as const;

/** Any React version: properties and listeners through a ref. */
export function LoanFormWithRef({ relay = '', relayClient = null, onFetched }: LoanFormProps) {
  const buttonRef = useRef<MynaFetchButton>(null);
  const [income, setIncome] = useState('');

  useEffect(() => {
    const button = buttonRef.current!;
    button.relayClient = relayClient;
    button.mapping = MAPPING;
    const onSuccess = (event: MynaFetchSuccessEvent) => {
      setIncome(event.detail.fields.annualIncome ?? '');
      onFetched?.(event.detail.fields);
    };
    button.addEventListener('myna-fetch-success', onSuccess);
    return () => button.removeEventListener('myna-fetch-success', onSuccess);
  }, [relayClient, onFetched]);

  return h(
    'form',
    null,
    h('label', { htmlFor: 'income' }, '年収（万円）'),
    h('input', { id: 'income', name: 'annualIncome', value: income, onChange: (e: { target: HTMLInputElement }) => setIncome(e.target.value) }),
    h('myna-fetch-button', { ref: buttonRef, relay, items: 'localTax.salaryRevenue', purpose: 'mortgage-prescreen' }),
    h('output', { id: 'react-state' }, income),
  );
}
// #endregion react-ref

// #region react-native
/** React 19: custom element properties and `on<event-name>` listeners as plain props. */
export function LoanForm19({ relay = '', relayClient = null, onFetched }: LoanFormProps) {
  const [income, setIncome] = useState('');

  return h(
    'form',
    null,
    h('label', { htmlFor: 'income' }, '年収（万円）'),
    h('input', { id: 'income', name: 'annualIncome', value: income, onChange: (e: { target: HTMLInputElement }) => setIncome(e.target.value) }),
    h('myna-fetch-button', {
      relay,
      items: 'localTax.salaryRevenue',
      relayClient,
      mapping: MAPPING,
      'onmyna-fetch-success': (event: MynaFetchSuccessEvent) => {
        setIncome(event.detail.fields.annualIncome ?? '');
        onFetched?.(event.detail.fields);
      },
    }),
    h('output', { id: 'react-state' }, income),
  );
}
// #endregion react-native

// #region react-controlled
/** A controlled input needs no event handling at all: its onChange sees the element's fill. */
export function LoanFormControlled({ relayClient = null }: LoanFormProps) {
  const [income, setIncome] = useState('');
  return h(
    'form',
    null,
    h('label', { htmlFor: 'income' }, '年収（万円）'),
    h('input', {
      id: 'income',
      name: 'annualIncome',
      'data-myna-field': 'localTax.salaryRevenue',
      'data-myna-format': 'man-yen',
      value: income,
      onChange: (e: { target: HTMLInputElement }) => setIncome(e.target.value),
    }),
    h('myna-fetch-button', { items: 'localTax.salaryRevenue', relayClient }),
    h('output', { id: 'react-state' }, income),
  );
}
// #endregion react-controlled
