/// <reference types="vite/client" />
import { html } from 'lit';
import { setCustomElementsManifest, type Decorator, type Preview, type WebComponentsRenderer } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { FORCE_REMOUNT } from 'storybook/internal/core-events';
import { addons, useEffect, useRef } from 'storybook/preview-api';
import { storybookManifest, type Manifest } from './manifest.js';

// custom-elements.json is written by `npm run analyze` (the build-storybook script runs it first).
// Loaded through a glob so that type checks do not need the generated file.
const manifests = import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(manifests)[0];
if (!manifest) throw new Error('custom-elements.json is missing: run `npm run analyze` before Storybook.');
setCustomElementsManifest(storybookManifest(manifest));

type Locale = 'ja' | 'en';
const localeOf = (value: unknown): Locale => (value === 'en' ? 'en' : 'ja');

/**
 * The toolbar's `locale` sets `lang` on the story's wrapper (and on <html>). The element reads its
 * language when it renders, so a new locale remounts the story: loaders and play run again and the
 * story reaches the same state in the other language.
 */
const withLocale: Decorator = (story, { globals, id }) => {
  const locale = localeOf(globals['locale']);
  const rendered = useRef(locale);
  useEffect(() => {
    if (rendered.current === locale) return;
    rendered.current = locale;
    addons.getChannel().emit(FORCE_REMOUNT, { storyId: id });
  }, [locale]);
  document.documentElement.lang = locale;
  return html`<div class="myna-story" lang=${locale}>${story()}</div>`;
};

/** Events and shadow parts are documented, not set: no "Set object" control for them. */
const documentOnly: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => [
      name,
      ['events', 'css shadow parts'].includes(String(argType.table?.category)) ? { ...argType, control: false as const } : argType,
    ]),
  );

/**
 * Stories share one page as the sidebar switches between them: forget any redirect/kiosk flow a
 * previous story left behind (the relay's `#myna-flow=` fragment and the element's sessionStorage).
 */
function forgetFlows(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('myna-fetch:')) sessionStorage.removeItem(key);
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
}

const preview: Preview = {
  beforeEach: forgetFlows,
  decorators: [withLocale],
  argTypesEnhancers: [documentOnly],
  globalTypes: {
    locale: {
      description: 'Language of the page around the element (lang on the story wrapper)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'ja', title: '日本語 (ja)' },
          { value: 'en', title: 'English (en)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'ja' },
  parameters: {
    // Violations fail the story (the a11y addon's report status becomes "failed").
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'none' },
    docs: { toc: false },
    layout: 'padded',
  },
};

export default preview;
