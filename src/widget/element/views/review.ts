import { html } from 'lit';
import { fill, type Lang, type Messages } from '../../i18n/index.js';
import type { FlowSuccess } from '../../relay-client/index.js';
import { describeInput, targetsFor, textFor, type FieldMapping } from '../autofill.js';

export interface ReviewView {
  readonly messages: Messages;
  readonly lang: Lang;
  readonly retrieved: FlowSuccess;
  readonly scope: ParentNode;
  readonly mapping: FieldMapping;
  readonly onFill: () => void;
  readonly onDiscard: () => void;
}

/** The retrieved values as they came, and which host field each will fill; nothing is written yet. */
export function renderReview({ messages, lang, retrieved, scope, mapping, onFill, onDiscard }: ReviewView) {
  const values = retrieved.records[0]?.values ?? [];
  return html`
    <dl part="review">
      ${values.map((value) => {
        const targets = targetsFor(scope, value.key, mapping);
        const shown = value.value === null ? messages.noRecord : targets[0] ? textFor(targets[0], value) : String(value.value);
        return html`
          <dt>${lang === 'en' ? value.labelEn : value.labelJa}</dt>
          <dd>
            <span class="value">${shown}</span>
            <span class="target">
              ${targets.length > 0
                ? fill(messages.reviewTarget, { field: targets.map((target) => describeInput(target.input)).join(', ') })
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
