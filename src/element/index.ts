export { MynaFetchButton } from './myna-fetch-button.js';
export { defineMynaFetchElements } from './define.js';
