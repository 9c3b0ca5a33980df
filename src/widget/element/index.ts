export type { FieldMapping } from './autofill.js';
export { MynaFetchButton } from './myna-fetch-button.js';
export { MynaFetchConfig } from './myna-fetch-config.js';
export { defineMynaFetchElements } from './define.js';
export { mynaFetchSettingsContext, type MynaFetchSettings } from './settings-context.js';
