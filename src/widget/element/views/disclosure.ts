import { html, nothing } from 'lit';
import { fill, type Lang, type Messages } from '../../i18n/index.js';
import type { Disclosure, Query } from '../../relay-client/index.js';

export interface DisclosureView {
  readonly messages: Messages;
  readonly lang: Lang;
  readonly disclosure: Disclosure | null;
  readonly query: Query;
  /** The host's own wording of the purpose wins over the relay's default. */
  readonly purpose: string;
}

function periodText(messages: Messages, query: Query): string {
  if (query.method === 'at') return fill(messages.periodAt, { at: query.at });
  if (query.method === 'range') return fill(messages.periodRange, { from: query.from, to: query.to });
  return messages.periodLatest;
}

/** The body of the disclosure dialog: who fetches what, from where, why, for how long (guideline 2.3 ※2). */
export function renderDisclosure({ messages, lang, disclosure, query, purpose }: DisclosureView) {
  if (!disclosure) return html`<p>${messages.disclosureLoading}</p>`;
  return html`
    <p>${fill(messages.disclosureIntro, { service: disclosure.service })}</p>
    <h3 id="disclosure-items">${messages.disclosureItems}</h3>
    <ul aria-labelledby="disclosure-items">
      ${disclosure.items.map((item) => html`<li>${lang === 'en' ? item.labelEn : item.labelJa}</li>`)}
    </ul>
    <p>${fill(messages.disclosurePeriod, { period: periodText(messages, query) })}</p>
    ${purpose || disclosure.purpose
      ? html`<p>${fill(messages.disclosurePurpose, { purpose: purpose || disclosure.purpose })}</p>`
      : nothing}
    <p>${fill(messages.disclosureRetention, { days: disclosure.retentionDays })}</p>
    <p>${messages.disclosureAuth}</p>
  `;
}
