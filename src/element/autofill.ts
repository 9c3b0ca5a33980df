import { FormatError, formatValue, isFormatName, type RetrievedValue } from '../mapping/index.js';

type FillableInput = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The form whose `data-myna-field` inputs this button fills: `form` attribute, else the enclosing form, else the document. */
export function hostScope(button: HTMLElement): ParentNode {
  const formId = button.getAttribute('form');
  const named = formId ? button.ownerDocument.getElementById(formId) : null;
  return named ?? button.closest('form') ?? button.ownerDocument;
}

/** Host inputs that ask for `key`. */
export function targetsFor(scope: ParentNode, key: string): FillableInput[] {
  return [...scope.querySelectorAll<FillableInput>('[data-myna-field]')].filter((input) => input.dataset['mynaField'] === key);
}

/** A human name for a host input: its label's text, else its name or id. */
export function describeInput(input: FillableInput): string {
  const label = input.labels?.[0]?.textContent?.trim();
  return label || input.name || input.id;
}

/** The text `value` becomes in `input`, per its `data-myna-format`; an unknown format is a configuration error. */
export function textFor(input: FillableInput, value: RetrievedValue): string {
  const format = input.dataset['mynaFormat'];
  if (format === undefined) return formatValue(value);
  if (!isFormatName(format)) throw new FormatError(`data-myna-format="${format}" on ${describeInput(input)} is not a known format`);
  return formatValue(value, format);
}

/** Writes the values into the host inputs and tells frameworks, returning name → text for the success event. */
export function fillHostFields(scope: ParentNode, values: readonly RetrievedValue[]): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const value of values) {
    for (const input of targetsFor(scope, value.key)) {
      const text = textFor(input, value);
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      filled[input.name || input.id] = text;
    }
  }
  return filled;
}
