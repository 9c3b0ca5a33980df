import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import { action } from 'storybook/actions';
import type { ArgTypes, Meta, StoryContext } from '@storybook/web-components-vite';
import '../../src/widget/index.js';
import { StoryRelay, type RelayScript } from './story-relay.js';

/** The `--myna-*` custom properties of the element's JSDoc header (`@cssproperty`). */
export const CSS_PROPERTIES = [
  '--myna-accent',
  '--myna-on-accent',
  '--myna-error',
  '--myna-radius',
  '--myna-font',
  '--myna-focus-ring',
  '--myna-surface',
] as const;
export type CssProperty = (typeof CSS_PROPERTIES)[number];

/** One control per public attribute, one per documented custom property, and the slotted label. */
export type ButtonArgs = {
  relay: string;
  session: string;
  'session-field': string;
  items: string;
  purpose: string;
  mode: '' | 'popup' | 'redirect' | 'kiosk';
  query: '' | 'latest' | 'at' | 'range';
  at: string;
  from: string;
  to: string;
  timeout: number | undefined;
  'skip-review': boolean;
  lang: '' | 'ja' | 'en';
  /** Slotted label; empty for the element's own label. */
  label: string;
} & Partial<Record<CssProperty, string>>;

/** Every event of the element's header is logged in the Actions panel, with its detail. */
const logEvent = (event: Event) => action(event.type)((event as CustomEvent<unknown>).detail);

/** Story parameters this module reads. */
export interface LoanFormParameters {
  /** The scripted relay's answers; `null` for no relay client at all (configuration error stories). */
  relay?: RelayScript | null;
}

/** `loaded.relay` of every story: a fresh scripted relay per story mount, so play functions can inspect it. */
export interface LoanFormLoaded {
  relay: StoryRelay | null;
}

export const localeOf = (globals: Record<string, unknown>): 'ja' | 'en' => (globals['locale'] === 'en' ? 'en' : 'ja');

const preventSubmit = (event: SubmitEvent) => event.preventDefault();
const FORM_STYLE = { display: 'grid', gap: '0.75rem', justifyItems: 'start', maxInlineSize: '40rem' };

/**
 * A bank's loan form (the guideline's figure 2.3-6): an annual-income field mapped to 給与収入額,
 * and the button, inside `<myna-fetch-config .relayClient=…>` so the element talks to a scripted relay.
 */
export function renderLoanForm(args: ButtonArgs, context: StoryContext<ButtonArgs>) {
  const { relay } = context.loaded as LoanFormLoaded;
  const en = localeOf(context.globals) === 'en';
  // Unique per story: the docs page shows every story of a file on one page.
  const incomeId = `income-${context.id}`;
  const style: Record<string, string> = {};
  for (const property of CSS_PROPERTIES) {
    const value = args[property];
    if (value) style[property] = value;
  }
  return html`
    <myna-fetch-config
      .relayClient=${relay}
      @myna-fetch-start=${logEvent}
      @myna-fetch-consent=${logEvent}
      @myna-fetch-success=${logEvent}
      @myna-fetch-cancel=${logEvent}
      @myna-fetch-unavailable=${logEvent}
      @myna-fetch-fallback-registered=${logEvent}
      @myna-fetch-error=${logEvent}
      @myna-fetch-state=${logEvent}
    >
      <form class="loan-form" style=${styleMap(FORM_STYLE)} aria-label=${en ? 'Home loan pre-screening' : '住宅ローン事前審査'} @submit=${preventSubmit}>
        <div>
          <label for=${incomeId}>${en ? 'Annual income (10,000 yen)' : '年収（万円）'}</label>
          <input id=${incomeId} name="annualIncome" inputmode="numeric" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" data-myna-lock />
        </div>
        <myna-fetch-button
          relay=${ifDefined(args.relay || undefined)}
          session=${ifDefined(args.session || undefined)}
          session-field=${ifDefined(args['session-field'] || undefined)}
          items=${ifDefined(args.items || undefined)}
          purpose=${ifDefined(args.purpose || undefined)}
          mode=${ifDefined(args.mode || undefined)}
          query=${ifDefined(args.query || undefined)}
          at=${ifDefined(args.at || undefined)}
          from=${ifDefined(args.from || undefined)}
          to=${ifDefined(args.to || undefined)}
          timeout=${ifDefined(args.timeout ?? undefined)}
          ?skip-review=${args['skip-review']}
          lang=${ifDefined(args.lang || undefined)}
          style=${styleMap(style)}
          >${args.label || nothing}</myna-fetch-button
        >
      </form>
    </myna-fetch-config>
  `;
}


const attribute = (description: string, extra: ArgTypes[string] = {}): ArgTypes[string] => ({
  description,
  control: 'text',
  table: { category: 'attributes' },
  ...extra,
});

const cssProperty = (control: 'color' | 'text'): ArgTypes[string] => ({ control, table: { category: 'css custom properties' } });

/** Controls; descriptions and defaults come from custom-elements.json (autodocs), these add the widgets. */
export const buttonArgTypes: Partial<ArgTypes<ButtonArgs>> = {
  relay: attribute('Base URL of the provider’s relay. Stories use a scripted relay client instead (through `<myna-fetch-config>`).'),
  session: attribute('A provider session’s client token: the button is bound to it, the session decides items, query and purpose.'),
  'session-field': attribute('The form field that receives a bound flow’s session id (default `myna_session_id`).'),
  items: attribute('Comma-separated catalog keys.'),
  purpose: attribute('An id of the relay’s purpose table (e.g. `mortgage-prescreen`); the disclosure shows the relay’s text for it.'),
  mode: attribute('Where consent happens.', { control: 'select', options: ['', 'popup', 'redirect', 'kiosk'] }),
  query: attribute('Query method (guideline 2.6).', { control: 'select', options: ['', 'latest', 'at', 'range'] }),
  at: attribute('`YYYY-MM-DD` for `query="at"`.'),
  from: attribute('`YYYY-MM-DD` for `query="range"`.'),
  to: attribute('`YYYY-MM-DD` for `query="range"`.'),
  timeout: attribute('Seconds before the delay notice (default 20).', { control: { type: 'number', min: 1, step: 1 } }),
  'skip-review': attribute('Fill the form without the review step (not in kiosk mode).', { control: 'boolean' }),
  lang: attribute('`ja` or `en`; otherwise the nearest ancestor’s `lang` (the toolbar’s locale).', {
    control: 'select',
    options: ['', 'ja', 'en'],
  }),
  label: { description: 'Slotted button label (default slot).', control: 'text', table: { category: 'slots' } },
  '--myna-accent': cssProperty('color'),
  '--myna-on-accent': cssProperty('color'),
  '--myna-error': cssProperty('color'),
  '--myna-radius': cssProperty('text'),
  '--myna-font': cssProperty('text'),
  '--myna-focus-ring': cssProperty('text'),
  '--myna-surface': cssProperty('color'),
  // Properties without an attribute: documented from the manifest, set by code, not by controls.
  relayClient: { control: false },
  messageOverrides: { control: false },
  itemKeys: { control: false },
} as Partial<ArgTypes<ButtonArgs>>;

export const buttonArgs: ButtonArgs = {
  relay: '',
  session: '',
  'session-field': '',
  items: 'localTax.salaryRevenue',
  purpose: '',
  mode: '',
  query: '',
  at: '',
  from: '',
  to: '',
  timeout: undefined,
  'skip-review': false,
  lang: '',
  label: '',
};

/** What every story file of the element shares: component, controls, the loan form and a fresh scripted relay. */
export const loanFormMeta = {
  component: 'myna-fetch-button',
  args: buttonArgs,
  argTypes: buttonArgTypes,
  render: renderLoanForm,
  parameters: { relay: {} satisfies RelayScript },
  loaders: [
    ({ parameters, globals }: StoryContext<ButtonArgs>): LoanFormLoaded => {
      const script = (parameters as LoanFormParameters).relay;
      return { relay: script === null ? null : new StoryRelay(script ?? {}, localeOf(globals)) };
    },
  ],
} satisfies Meta<ButtonArgs>;
