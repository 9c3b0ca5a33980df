import { ASSETS_PATH } from '../protocol.js';
import { markup, type SafeHtml } from './markup.js';
import { MESSAGES, type Lang } from './messages.js';

export const STYLESHEET_PATH = `${ASSETS_PATH}/sandbox.css`;

export interface PageOptions {
  lang: Lang;
  title: string;
  /** Prefixes the title so screen-reader users hear at once that the page shows an error. */
  hasError?: boolean;
  /** Same page in the other language; omitted where switching makes no sense. */
  languageSwitchHref?: string;
  main: SafeHtml;
}

export function page({ lang, title, hasError = false, languageSwitchHref, main }: PageOptions): string {
  const messages = MESSAGES[lang];
  const otherLang: Lang = lang === 'ja' ? 'en' : 'ja';
  return `<!doctype html>\n${markup`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${hasError ? messages.errorTitlePrefix : ''}${title} | ${messages.siteName}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="site-header">
<p class="site-name">${messages.siteName}</p>
${languageSwitchHref === undefined ? '' : markup`<a class="language-switch" href="${languageSwitchHref}" lang="${otherLang}" hreflang="${otherLang}">${messages.switchLanguage}</a>`}
</header>
<p class="sandbox-notice">${messages.sandboxNotice}</p>
<main>
${main}
</main>
</body>
</html>`}\n`;
}

/** Error summary at the top of a form: each message links to the input it belongs to. */
export function errorSummary(lang: Lang, errors: readonly { inputId: string; message: string }[]): SafeHtml {
  if (errors.length === 0) return markup``;
  return markup`<div class="error-summary" role="alert">
<h2>${MESSAGES[lang].errorSummaryHeading}</h2>
<ul>${errors.map((error) => markup`<li><a href="#${error.inputId}">${error.message}</a></li>`)}</ul>
</div>`;
}

/** 中止する on every portal screen: its own form, so it works whatever the other form holds. */
export function cancelForm(lang: Lang, actionBase: string): SafeHtml {
  return markup`<form method="post" action="${actionBase}/cancel" class="cancel-form">
<button type="submit" class="secondary">${MESSAGES[lang].cancel}</button>
</form>`;
}
