import { catalogEntry, type CatalogEntry } from '../../../domain/catalog/index.js';
import type { SelfinfoDetail } from '../authorization-details.js';
import { valueKeysFor } from '../records.js';
import { markup, type SafeHtml } from './markup.js';
import { cancelForm, errorSummary, page } from './layout.js';
import { MESSAGES, type Lang } from './messages.js';

export interface ConsentPageInput {
  lang: Lang;
  actionBase: string;
  detail: SelfinfoDetail;
  /** Set when the form came back without the 「同意する」 tick. */
  agreeMissing: boolean;
}

const label = (entry: CatalogEntry, lang: Lang) => (lang === 'ja' ? entry.labelJa : entry.labelEn);

/** The info entry or category an entry belongs to, so a bare field name such as 一般 makes sense. */
function sourceOf(entry: CatalogEntry): CatalogEntry | undefined {
  let parent = entry.parent === null ? undefined : catalogEntry(entry.parent);
  while (parent !== undefined && parent.kind === 'field') {
    parent = parent.parent === null ? undefined : catalogEntry(parent.parent);
  }
  return parent;
}

function requestedItem(key: string, lang: Lang): SafeHtml {
  const entry = catalogEntry(key);
  if (entry === undefined) return markup``;
  const source = sourceOf(entry);
  const included = valueKeysFor([key]).filter((included) => included !== key);
  return markup`<li><span class="item-label">${label(entry, lang)}</span>${source === undefined ? '' : markup` <span class="item-source">${lang === 'ja' ? `（${label(source, lang)}）` : `(${label(source, lang)})`}</span>`}${
    included.length === 0
      ? ''
      : markup`<details><summary>${MESSAGES[lang].itemsIncluded(included.length)}</summary><ul>${included.map((includedKey) => {
          const includedEntry = catalogEntry(includedKey);
          return includedEntry === undefined ? '' : markup`<li>${label(includedEntry, lang)}</li>`;
        })}</ul></details>`
  }</li>`;
}

/** Figure 2.3-3: who asks, for what, for which period, and the 「同意する」 tick. */
export function consentPage({ lang, actionBase, detail, agreeMissing }: ConsentPageInput): string {
  const messages = MESSAGES[lang];
  return page({
    lang,
    title: messages.consentTitle,
    hasError: agreeMissing,
    languageSwitchHref: `?lang=${lang === 'ja' ? 'en' : 'ja'}`,
    main: markup`<h1>${messages.consentTitle}</h1>
${errorSummary(lang, agreeMissing ? [{ inputId: 'agree', message: messages.agreeRequired }] : [])}
<p>${messages.consentLead(detail.service)}</p>
<dl class="request-summary">
<dt>${messages.recipient}</dt><dd>${detail.service}</dd>
<dt>${messages.purpose}</dt><dd>${detail.purpose}</dd>
<dt>${messages.period}</dt><dd>${messages.query(detail.query)}</dd>
<dt>${messages.items}</dt><dd><ul class="requested-items">${detail.items.map((key) => requestedItem(key, lang))}</ul></dd>
</dl>
<p>${messages.consentNote}</p>
<form method="post" action="${actionBase}/consent" class="step-form">
<div class="choice${agreeMissing ? ' has-error' : ''}">
${agreeMissing ? markup`<p id="agree-error" class="field-error">${messages.agreeRequired}</p>` : ''}
<input type="checkbox" id="agree" name="agree" value="yes"${agreeMissing ? markup` aria-invalid="true" aria-describedby="agree-error"` : ''}>
<label for="agree">${messages.agree}</label>
</div>
<button type="submit" class="primary">${messages.next}</button>
</form>
${cancelForm(lang, actionBase)}`,
  });
}
