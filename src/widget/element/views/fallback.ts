import { html, nothing } from 'lit';
import type { Messages } from '../../i18n/index.js';
import type { FallbackField, FallbackForm } from '../fallback-form.js';
import { MAX_EMAIL_LENGTH } from '../fallback-form.js';

export interface FallbackView {
  readonly messages: Messages;
  readonly form: FallbackForm;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onCancel: () => void;
}

function field(view: FallbackView, name: FallbackField, label: string) {
  const { form } = view;
  const error = form.errors[name];
  return html`
    <div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        type="email"
        autocomplete=${name === 'email' ? 'email' : 'off'}
        inputmode="email"
        maxlength=${MAX_EMAIL_LENGTH + 1}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
        .value=${form[name]}
        @input=${(event: InputEvent) => form.update(name, (event.target as HTMLInputElement).value)}
      />
      ${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : nothing}
    </div>
  `;
}

/** Figure 6-2: email and re-entry, 「登録」, and a way back to the form. */
export function renderFallbackForm(view: FallbackView) {
  const { messages, form, onSubmit, onCancel } = view;
  return html`
    <form part="fallback" novalidate aria-labelledby="fallback-title" @submit=${onSubmit}>
      <h2 id="fallback-title">${messages.fallbackTitle}</h2>
      <p>${messages.fallbackIntro}</p>
      ${field(view, 'email', messages.fallbackEmail)} ${field(view, 'emailConfirmation', messages.fallbackConfirmation)}
      <div part="actions">
        <button type="submit" class="primary" ?disabled=${form.submitting}>
          ${form.submitting ? messages.fallbackSubmitting : messages.fallbackSubmit}
        </button>
        <button type="button" @click=${onCancel}>${messages.cancel}</button>
      </div>
    </form>
  `;
}
