import { defineMynaFetchElements } from './element/index.js';

export * from './element/index.js';
export * from './events/index.js';
export type { Lang, Messages } from './i18n/index.js';

defineMynaFetchElements();
