import { html } from 'lit';
import { fill, type Lang, type Messages } from '../../i18n/index.js';
import type { Disclosure, Query } from '../../relay-client/index.js';
import type { AttributeProblem } from '../query-attributes.js';

export interface DisclosureView {
  readonly messages: Messages;
  readonly lang: Lang;
  readonly disclosure: Disclosure | null;
  /** An invalid query is reported when the button is pressed, before the dialog opens. A session's own query wins. */
  readonly query: Query | AttributeProblem;
  readonly onContinue: () => void;
  /** The cancel button, and Esc (the dialog's own `cancel` event, whose closing is left to the element). */
  readonly onCancel: () => void;
}

/** 時点 or 範囲 with their dates (`fill` takes them from the query itself), else 最新. */
function periodText(messages: Messages, query: Query | AttributeProblem): string {
  const method = 'method' in query ? query.method : 'latest';
  return method === 'latest' ? messages.periodLatest : fill(messages[method === 'at' ? 'periodAt' : 'periodRange'], query as Record<string, string>);
}

/**
 * The body of the disclosure dialog: who fetches what, from where, why, for how long (guideline 2.3 ※2).
 * The purpose is the relay's configured text, the same the portal and the signed result show: never the page's.
 */
function renderBody({ messages, lang, disclosure, query }: DisclosureView) {
  if (!disclosure) return html`<p>${messages.disclosureLoading}</p>`;
  return html`
    <p>${fill(messages.disclosureIntro, { service: disclosure.service })}</p>
    <h3 id="disclosure-items">${messages.disclosureItems}</h3>
    <ul aria-labelledby="disclosure-items">
      ${disclosure.items.map((item) => html`<li>${lang === 'en' ? item.labelEn : item.labelJa}</li>`)}
    </ul>
    <p>${fill(messages.disclosurePeriod, { period: periodText(messages, disclosure.query ?? query) })}</p>
    <p>${fill(messages.disclosurePurpose, { purpose: (lang === 'en' && disclosure.purposeEn) || disclosure.purpose })}</p>
    <p>${fill(messages.disclosureRetention, { days: disclosure.retentionDays })}</p>
    <p>${messages.disclosureAuth}</p>
  `;
}

/** The modal dialog shown before anything is fetched; 「マイナポータルへ進む」 waits for the relay's answer. */
export function renderDisclosure(view: DisclosureView) {
  const { messages, disclosure, onContinue, onCancel } = view;
  const escape = (event: Event) => {
    event.preventDefault();
    onCancel();
  };
  return html`
    <dialog part="dialog" aria-labelledby="disclosure-title" aria-describedby="disclosure-body" @cancel=${escape}>
      <h2 id="disclosure-title">${messages.disclosureTitle}</h2>
      <div id="disclosure-body">${renderBody(view)}</div>
      <div part="actions">
        <button type="button" class="primary" ?disabled=${!disclosure} @click=${onContinue}>${messages.continue}</button>
        <button type="button" @click=${onCancel}>${messages.cancel}</button>
      </div>
    </dialog>
  `;
}
