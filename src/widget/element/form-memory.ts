import { keepInSession, takeFromSession } from './session-entry.js';

const STORAGE_KEY = 'myna-fetch:form';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** What is worth keeping: what the user typed, not secrets, files or server-issued hidden values. */
function rememberable(scope: ParentNode): Field[] {
  return [...scope.querySelectorAll<Field>('input[name], select[name], textarea[name]')].filter(
    (field) => !(field instanceof HTMLInputElement && ['password', 'file', 'hidden'].includes(field.type)),
  );
}

/**
 * Before a full-page trip to the portal: keep the half-filled host form in this tab's sessionStorage
 * (never localStorage; it is read back and removed on return).
 */
export function rememberForm(scope: ParentNode): void {
  const values = rememberable(scope).map((field) =>
    field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')
      ? [field.name, field.value, field.checked]
      : [field.name, field.value],
  );
  keepInSession(STORAGE_KEY, values);
}

/**
 * Back from the portal: put the host form's values back, once. With the script in <head> the host
 * form is still being parsed, so this waits until all of it exists.
 */
export function restoreForm(scope: () => ParentNode): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => restoreFormNow(scope()), { once: true });
  else restoreFormNow(scope());
}

function restoreFormNow(scope: ParentNode): void {
  const entries = takeFromSession(STORAGE_KEY);
  if (!Array.isArray(entries)) return;
  // Fields sharing a name (radio groups, repeated inputs) get their values back in document order.
  const byName = new Map<string, [string, boolean | undefined][]>();
  for (const entry of entries as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
    const [name, value, checked] = entry as [string, string, boolean | undefined];
    byName.set(name, [...(byName.get(name) ?? []), [value, checked]]);
  }
  for (const field of rememberable(scope)) {
    const next = byName.get(field.name)?.shift();
    if (!next) continue;
    const [value, checked] = next;
    if (checked === undefined) field.value = value;
    else if (field instanceof HTMLInputElement) field.checked = checked;
  }
}
