/**
 * React 19 for the browser tests. React ships CommonJS only and the test runner serves files as
 * they are (no CommonJS transform is configured), so this evaluates React's four development
 * files with a minimal `require`. An application's bundler (Vite, webpack, …) does this itself:
 * there, `import { createElement, useEffect, useRef, useState } from 'react'` is all it takes.
 */
import type * as ReactTypes from 'react';

interface Root {
  render(node: ReactTypes.ReactNode): void;
  unmount(): void;
}
interface ReactDomClient {
  createRoot(container: Element): Root;
}

const FILES: Record<string, string> = {
  react: '/node_modules/react/cjs/react.development.js',
  'react-dom': '/node_modules/react-dom/cjs/react-dom.development.js',
  'react-dom/client': '/node_modules/react-dom/cjs/react-dom-client.development.js',
  scheduler: '/node_modules/scheduler/cjs/scheduler.development.js',
};

const sources = Object.fromEntries(
  await Promise.all(Object.entries(FILES).map(async ([name, url]) => [name, await (await fetch(url)).text()] as const)),
);
const cache = new Map<string, unknown>();
const process = { env: { NODE_ENV: 'development' } };

function require(name: string): unknown {
  if (cache.has(name)) return cache.get(name);
  const source = sources[name];
  if (source === undefined) throw new Error(`react.ts: no module ${name}`);
  const module = { exports: {} as unknown };
  cache.set(name, module.exports);
  new Function('module', 'exports', 'require', 'process', source)(module, module.exports, require, process);
  cache.set(name, module.exports);
  return module.exports;
}

const React = require('react') as typeof ReactTypes;
export const { createElement, useEffect, useRef, useState } = React;
export const { createRoot } = require('react-dom/client') as ReactDomClient;
export const reactVersion = React.version;
