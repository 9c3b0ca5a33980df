import { markup } from './markup.js';
import { page } from './layout.js';
import { MESSAGES, type Lang } from './messages.js';

/** A dead end that cannot go back to the client (no valid interaction, bad request). */
export function failurePage(lang: Lang, detail: string): string {
  const messages = MESSAGES[lang];
  return page({
    lang,
    title: messages.failureTitle,
    hasError: true,
    main: markup`<h1>${messages.failureTitle}</h1>
<p>${detail}</p>
<p>${messages.failureLead}</p>`,
  });
}
