import { html } from 'lit';
import { fill, type Lang, type Messages } from '../../i18n/index.js';
import type { RelayValue } from '../../relay-client/index.js';
import { describeInput, type FillPlan } from '../autofill.js';

export interface ReviewView {
  readonly messages: Messages;
  readonly lang: Lang;
  readonly plan: FillPlan<RelayValue>;
  readonly onFill: () => void;
  readonly onDiscard: () => void;
}

/** The retrieved values as they came, and which host field each will fill; nothing is written yet. */
export function renderReview({ messages, lang, plan, onFill, onDiscard }: ReviewView) {
  return html`
    <dl part="review">
      ${plan.map(({ value, writes }) => {
        const shown = value.value === null ? messages.noRecord : (writes[0]?.text ?? String(value.value));
        return html`
          <dt>${lang === 'en' ? value.labelEn : value.labelJa}</dt>
          <dd>
            <span class="value">${shown}</span>
            <span class="target">
              ${writes.length > 0
                ? fill(messages.reviewTarget, { field: writes.map((write) => describeInput(write.target.input)).join(', ') })
                : messages.reviewNoTarget}
            </span>
          </dd>
        `;
      })}
    </dl>
    <div part="actions">
      <button type="button" class="primary" @click=${onFill}>${messages.fill}</button>
      <button type="button" @click=${onDiscard}>${messages.discard}</button>
    </div>
  `;
}
