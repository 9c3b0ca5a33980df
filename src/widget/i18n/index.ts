import { messageTable, type MessageKey, type Messages } from './messages.js';

export type { MessageKey, Messages };
export type Lang = 'ja' | 'en';

/** `en*` means English; everything else falls back to Japanese, the service's primary language. */
export function normalizeLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

/** The element's own `lang`, else the nearest ancestor's, else the document's. */
export function langOf(element: Element): Lang {
  const owner = element.closest('[lang]');
  return normalizeLang(owner?.getAttribute('lang') ?? element.ownerDocument.documentElement.lang);
}

export function messagesFor(lang: Lang, overrides: Partial<Messages> = {}): Messages {
  const index = lang === 'en' ? 1 : 0;
  const messages = Object.fromEntries(Object.entries(messageTable).map(([key, texts]) => [key, texts[index]])) as Messages;
  return { ...messages, ...overrides };
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}
