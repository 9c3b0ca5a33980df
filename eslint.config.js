import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';

const NODE_PACKAGES = ['hono', 'hono/*', '@hono/*', 'jose', 'better-sqlite3', 'pg', 'nodemailer', 'oidc-provider', 'oauth4webapi', 'smtp-server'];
const BROWSER_FORBIDDEN = [
  { group: ['**/server', '**/server/**', '**/dev/**'], message: 'Browser and shared code never import server or dev-tool code (src/server, src/dev).' },
  { group: ['node:*'], message: 'Browser and shared code never import Node built-ins.' },
  { group: NODE_PACKAGES, message: 'A server-side package: browser and shared code stay free of it.' },
];
const ANY_ZOD = { group: ['zod', 'zod/*'], message: 'No zod in the widget: it would take a third of the 20 KB budget (check answers with src/protocol/answer-checks.ts).' };
const FULL_ZOD = ['zod', 'zod/v4'].map((name) => ({ name, message: 'Shared code uses zod/mini: the protocol and the domain stay small enough for any client.' }));
const SHARED_FORBIDDEN = { group: ['**/widget/**', 'lit', 'lit/*', '@lit/*'], message: 'Domain and protocol code is shared by both sides: no widget or Lit imports.' };
const SERVER_FORBIDDEN = { group: ['**/widget/**', 'lit', 'lit/*', '@lit/*'], message: 'Server and dev-tool code never import the widget (src/widget).' };
// The relay ships without its development tools (the sandbox stands in for the real portal).
const DEV_FORBIDDEN = { group: ['**/dev/**'], message: 'The relay never imports its development tools (src/dev).' };
// Only types cross from the protocol's schema modules into the widget: a value would pull zod/mini into the bundle.
const PROTOCOL_VALUES = {
  group: ['**/protocol/*', '!**/protocol/answer-checks.js', '!**/protocol/checks.js', '!**/protocol/names.js'],
  allowTypeImports: true,
  message: 'The widget takes only types from src/protocol (and its generated answer checks): a value would bring zod/mini into the bundle.',
};
// The provider's server SDK runs in other people's backends: the wire contract and jose, nothing
// of the relay, the widget or the dev tools (and no package a provider would not otherwise need).
const SERVER_SDK_FORBIDDEN = [
  { group: ['**/server', '**/server/**', '**/widget/**', '**/dev/**', '**/domain/**'], message: 'The server SDK imports only src/protocol (and jose): never the relay, the widget, the dev tools or the domain.' },
  { group: [...NODE_PACKAGES.filter((name) => name !== 'jose'), 'lit', 'lit/*', '@lit/*'], message: 'The server SDK depends on jose and zod/mini only.' },
];
// A dynamic import() crosses the boundary as surely as a static one.
const DYNAMIC_SERVER_IMPORT = { selector: 'ImportExpression[source.value=/(^|\\/)(server|dev)\\//]', message: 'Browser and shared code never import server or dev-tool code, not even with import().' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'storybook-static/', '.dev/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The architecture's one direction, checked by machine: browser code (widget) and the code both
  // sides share (domain, protocol) never reach server, dev-tool or Node code; the server never
  // imports the widget. test/node/build/boundary.test.ts proves the rule fires.
  {
    // Full zod would double the script-tag build; the widget checks answers with src/protocol's checks.
    files: ['src/widget/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...BROWSER_FORBIDDEN, ANY_ZOD, PROTOCOL_VALUES] }],
      'no-restricted-syntax': ['error', DYNAMIC_SERVER_IMPORT],
    },
  },
  {
    // Browser tests, stories and the demo run in the browser too.
    files: ['test/browser/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ignores: ['stories/check-stories.ts', 'demo/provider/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: BROWSER_FORBIDDEN }], 'no-restricted-syntax': ['error', DYNAMIC_SERVER_IMPORT] },
  },
  {
    // The demo's provider backend is what a provider writes: it reaches the relay through the server SDK only.
    files: ['demo/provider/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '**/dev/**', '**/widget/**'], message: 'A provider backend uses the relay over HTTP through src/server-sdk, never its code.' }] },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: FULL_ZOD, patterns: [...BROWSER_FORBIDDEN, SHARED_FORBIDDEN] }],
      'no-restricted-syntax': ['error', DYNAMIC_SERVER_IMPORT],
    },
  },
  {
    files: ['src/server-sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: FULL_ZOD, patterns: SERVER_SDK_FORBIDDEN }],
      'no-restricted-syntax': ['error', DYNAMIC_SERVER_IMPORT],
    },
  },
  {
    files: ['src/dev/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_FORBIDDEN] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_FORBIDDEN, DEV_FORBIDDEN] }] },
  },
  {
    // A route answers JSON through answer(c, schema, body): the protocol names every shape.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/http/answer.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        // Any context's .json(body), whatever the variable is called (a Response's .json() takes no argument).
        { selector: "CallExpression[callee.property.name='json'][arguments.length>0]", message: 'Answer with answer(c, <protocol schema>, body) from src/server/http/answer.ts.' },
      ],
    },
  },
  {
    // Node-side JavaScript config and scripts.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
