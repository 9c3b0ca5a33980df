import type { Messages } from '../i18n/index.js';
import { describeInput, type FillPlan } from './autofill.js';

/**
 * A bound flow's session id, for the provider's backend to redeem the signed result with: into the
 * host form's field of that name, else a new hidden input (in the form, or beside the button).
 */
export function keepSessionId(button: HTMLElement, scope: ParentNode, name: string, sessionId: string): void {
  let input = scope.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
  if (!input) {
    input = Object.assign(document.createElement('input'), { type: 'hidden', name });
    if (scope instanceof HTMLFormElement) scope.append(input);
    else button.after(input);
  }
  input.value = sessionId;
}

/**
 * After a verified fill, the `data-myna-lock` inputs and textareas it wrote become read-only, each
 * with a 「修正する」 button beside it: pressed, it unlocks the field, marks it `data-myna-edited`,
 * moves focus into it and goes away.
 */
export function lockFields(plan: FillPlan, messages: Messages): void {
  for (const write of plan.flatMap((entry) => entry.writes)) {
    const input = write.target.input as HTMLInputElement;
    // A select has no `readOnly` (undefined): it is never locked, nor is a field already read-only.
    if (input.readOnly !== false || !input.hasAttribute('data-myna-lock')) continue;
    input.readOnly = true;
    const edit = Object.assign(document.createElement('button'), { type: 'button', textContent: messages.edit });
    edit.setAttribute('aria-label', `${messages.edit}: ${describeInput(input)}`);
    edit.addEventListener('click', () => {
      input.readOnly = false;
      input.dataset['mynaEdited'] = '';
      // Into the field before the button goes, so focus never falls to the page.
      input.focus();
      edit.remove();
    });
    input.after(edit);
  }
}
