import type { Persona } from '../personas.js';
import { markup } from './markup.js';
import { cancelForm, errorSummary, page } from './layout.js';
import { MESSAGES, type Lang } from './messages.js';

export type CardError = { field: 'card'; kind: 'required' } | { field: 'pin'; kind: 'format' } | { field: 'pin'; kind: 'wrong'; remaining: number };

export interface CardPageInput {
  lang: Lang;
  actionBase: string;
  personas: readonly Persona[];
  isLocked: (personaId: string) => boolean;
  selectedPersonaId: string | undefined;
  error: CardError | undefined;
}

function errorMessage(lang: Lang, error: CardError): string {
  const messages = MESSAGES[lang];
  if (error.field === 'card') return messages.cardRequired;
  return error.kind === 'format' ? messages.pinFormat : messages.pinWrong(error.remaining);
}

/** Figures 2.3-4 and 2.3-5: the card is read and its PIN entered (here: a test card is chosen). */
export function cardPage({ lang, actionBase, personas, isLocked, selectedPersonaId, error }: CardPageInput): string {
  const messages = MESSAGES[lang];
  const message = error === undefined ? undefined : errorMessage(lang, error);
  const cardError = error?.field === 'card' ? message : undefined;
  const pinError = error?.field === 'pin' ? message : undefined;
  const firstCardId = `card-${personas[0]?.id ?? ''}`;
  return page({
    lang,
    title: messages.cardTitle,
    hasError: error !== undefined,
    languageSwitchHref: `?lang=${lang === 'ja' ? 'en' : 'ja'}`,
    main: markup`<h1>${messages.cardTitle}</h1>
${errorSummary(lang, message === undefined ? [] : [{ inputId: cardError === undefined ? 'pin' : firstCardId, message }])}
<p>${messages.cardLead}</p>
<form method="post" action="${actionBase}/card" class="step-form">
<fieldset class="cards"${cardError === undefined ? '' : markup` aria-describedby="card-error"`}>
<legend>${messages.cardChoice}</legend>
${cardError === undefined ? '' : markup`<p id="card-error" class="field-error">${cardError}</p>`}
${personas.map((persona) => {
  const id = `card-${persona.id}`;
  const locked = isLocked(persona.id);
  return markup`<div class="choice">
<input type="radio" id="${id}" name="persona" value="${persona.id}" aria-describedby="${id}-description"${persona.id === selectedPersonaId ? markup` checked` : ''}>
<label for="${id}">${lang === 'ja' ? persona.nameJa : persona.nameEn}${locked ? messages.cardLocked : ''}</label>
<p id="${id}-description" class="choice-description">${lang === 'ja' ? persona.descriptionJa : persona.descriptionEn}</p>
</div>`;
})}
</fieldset>
<div class="field${pinError === undefined ? '' : ' has-error'}">
<label for="pin">${messages.pin}</label>
<p id="pin-hint" class="hint">${messages.pinHint}</p>
${pinError === undefined ? '' : markup`<p id="pin-error" class="field-error">${pinError}</p>`}
<input type="password" id="pin" name="pin" inputmode="numeric" autocomplete="off" maxlength="4" size="6" aria-describedby="pin-hint${pinError === undefined ? '' : ' pin-error'}"${pinError === undefined ? '' : markup` aria-invalid="true"`}>
</div>
<button type="submit" class="primary">${messages.authenticate}</button>
</form>
${cancelForm(lang, actionBase)}`,
  });
}
