export * from './myna-fetch-start.js';
export * from './myna-fetch-error.js';
