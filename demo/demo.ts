import { MYNA_FETCH_EVENT_TYPES } from '../src/events/index.js';

// The demo's side panel: every widget event with its detail, as a frontend developer wants to see it.

const log = document.querySelector<HTMLOListElement>('#event-log')!;

for (const type of MYNA_FETCH_EVENT_TYPES) {
  document.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = `${new Date().toLocaleTimeString('ja-JP')} ${type}`;
    const detail = document.createElement('pre');
    detail.textContent = JSON.stringify((event as CustomEvent).detail, null, 2);
    entry.append(name, detail);
    log.prepend(entry);
  });
}

document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());

document.querySelector<HTMLSelectElement>('#mode')!.addEventListener('change', (event) => {
  const mode = (event.target as HTMLSelectElement).value;
  for (const button of document.querySelectorAll('myna-fetch-button')) button.setAttribute('mode', mode);
});

document.querySelector<HTMLSelectElement>('#lang')!.addEventListener('change', (event) => {
  document.documentElement.lang = (event.target as HTMLSelectElement).value;
  for (const button of document.querySelectorAll('myna-fetch-button')) button.requestUpdate();
});
