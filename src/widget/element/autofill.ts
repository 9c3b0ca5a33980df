import { FormatError, formatValue, isFormatName, type FormatName, type RetrievedValue } from '../../domain/mapping/index.js';

export type FillableInput = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * The element's `mapping` property: catalog key → the host field to fill (its name or id in the
 * button's form, or the element itself), optionally with a format. Works beside `data-myna-field`.
 */
export type FieldMapping = Readonly<Record<string, string | FillableInput | { field: string | FillableInput; format?: FormatName }>>;

/** One host field to fill, and how to write the value into it. */
export interface FillTarget {
  readonly input: FillableInput;
  readonly format: string | undefined;
}

/** The form whose fields this button fills: `form` attribute, else the enclosing form, else the document. */
export function hostScope(button: HTMLElement): ParentNode {
  const formId = button.getAttribute('form');
  const named = formId ? button.ownerDocument.getElementById(formId) : null;
  return named ?? button.closest('form') ?? button.ownerDocument;
}

function findField(scope: ParentNode, key: string, field: string | FillableInput): FillableInput {
  if (typeof field !== 'string') return field;
  const found =
    scope.querySelector<FillableInput>(`[name="${CSS.escape(field)}"]`) ?? scope.querySelector<FillableInput>(`#${CSS.escape(field)}`);
  if (!found) throw new FormatError(`mapping["${key}"]: the form has no field "${field}" (name or id)`);
  return found;
}

/** Host fields that ask for `key`: `data-myna-field` inputs, then the `mapping` property's. */
export function targetsFor(scope: ParentNode, key: string, mapping: FieldMapping = {}): FillTarget[] {
  const marked = [...scope.querySelectorAll<FillableInput>('[data-myna-field]')]
    .filter((input) => input.dataset['mynaField'] === key)
    .map((input) => ({ input, format: input.dataset['mynaFormat'] }));
  const mapped = mapping[key];
  if (mapped === undefined) return marked;
  const { field, format } = typeof mapped === 'object' && 'field' in mapped ? mapped : { field: mapped, format: undefined };
  return [...marked, { input: findField(scope, key, field), format }];
}

/** The first host field any of `keys` goes into, for 「直接入力する」; none when the mapping is broken (reported at fill time). */
export function firstTarget(scope: ParentNode, keys: readonly string[], mapping: FieldMapping): FillableInput | undefined {
  try {
    return keys.flatMap((key) => targetsFor(scope, key, mapping))[0]?.input;
  } catch {
    return undefined;
  }
}

/** A human name for a host input: its label's text, else its name or id. */
export function describeInput(input: FillableInput): string {
  const label = input.labels?.[0]?.textContent?.trim();
  return label || input.name || input.id;
}

/** The text `value` becomes in the target, per its format; an unknown format is a configuration error. */
export function textFor({ input, format }: FillTarget, value: RetrievedValue): string {
  if (format !== undefined && !isFormatName(format)) throw new FormatError(`unknown format "${format}" for ${describeInput(input)}`);
  // No format named: `formatValue`'s default for the value's kind.
  return formatValue(value, format);
}

/**
 * Sets the value through the element's own prototype setter: frameworks that track writes to
 * `input.value` (React's controlled inputs) then see the following `input` event as the user's.
 */
function setNativeValue(input: FillableInput, text: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input) as object, 'value')?.set;
  if (setter) setter.call(input, text);
  else input.value = text;
}

/** Each retrieved value with the host fields it goes into and the text each gets. */
export type FillPlan<V extends RetrievedValue = RetrievedValue> = readonly {
  readonly value: V;
  readonly writes: readonly { readonly target: FillTarget; readonly text: string }[];
}[];

/**
 * Finds and formats everything once, when the values arrive: a mapping or format that does not fit
 * throws a FormatError before the review shows anything, and the review shows what will be written.
 */
export function planFill<V extends RetrievedValue>(scope: ParentNode, values: readonly V[], mapping: FieldMapping = {}): FillPlan<V> {
  return values.map((value) => ({ value, writes: targetsFor(scope, value.key, mapping).map((target) => ({ target, text: textFor(target, value) })) }));
}

/** Writes the planned texts into the host fields and tells frameworks, returning name → text for the success event. */
export function applyFill(plan: FillPlan): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const { target, text } of plan.flatMap((entry) => entry.writes)) {
    setNativeValue(target.input, text);
    target.input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    target.input.dispatchEvent(new Event('change', { bubbles: true }));
    filled[target.input.name || target.input.id] = text;
  }
  return filled;
}
