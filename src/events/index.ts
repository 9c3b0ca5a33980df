export * from './myna-fetch-cancel.js';
export * from './myna-fetch-consent.js';
export * from './myna-fetch-error.js';
export * from './myna-fetch-start.js';
export * from './myna-fetch-state.js';
export * from './myna-fetch-success.js';
export * from './myna-fetch-unavailable.js';
export * from './myna-fetch-fallback-registered.js';
