import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test';
import type { MynaFetchPhase } from '../../src/widget/events/index.js';
import { langOf, messagesFor, type Lang, type Messages } from '../../src/widget/i18n/index.js';
import type { MynaFetchButton } from '../../src/widget/index.js';
import type { LoanFormLoaded } from './loan-form.js';
import type { StoryRelay } from './story-relay.js';

/** Long enough for a few 1 s polls of the flow result. */
const FLOW_TIMEOUT_MS = 8000;

/** The element of a story, its shadow root as a testing-library container, and its strings. */
export interface Scene {
  readonly el: MynaFetchButton;
  /** Queries inside the shadow root (testing-library: `within(el.shadowRoot)`). */
  readonly shadow: ReturnType<typeof within>;
  /** The element's effective language: its `lang`, else the nearest ancestor's (the toolbar locale). */
  readonly lang: Lang;
  /** The strings the element shows, in that language. */
  readonly text: Messages;
  /** The host form's annual-income field. */
  readonly income: HTMLInputElement;
  readonly relay: StoryRelay | null;
}

interface PlayContext {
  readonly canvasElement: HTMLElement;
  readonly loaded: unknown;
}

export async function sceneOf({ canvasElement, loaded }: PlayContext): Promise<Scene> {
  const el = canvasElement.querySelector('myna-fetch-button');
  if (!el?.shadowRoot) throw new Error('no <myna-fetch-button> rendered');
  await el.updateComplete;
  const lang = langOf(el);
  return {
    el,
    lang,
    shadow: within(el.shadowRoot as unknown as HTMLElement),
    text: messagesFor(lang),
    income: canvasElement.querySelector<HTMLInputElement>('input[name="annualIncome"]')!,
    relay: (loaded as LoanFormLoaded).relay,
  };
}

export const mainButton = (scene: Scene) => scene.el.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
export const statusOf = (scene: Scene) => scene.el.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;
export const partOf = (scene: Scene, part: string) => scene.el.shadowRoot!.querySelector<HTMLElement>(`[part="${part}"]`);

/** How the element's messages name an attribute: 「relay 属性」, "the relay attribute". */
export const attributeNamed = (scene: Scene, attribute: string) => (scene.lang === 'en' ? `${attribute} attribute` : `${attribute} 属性`);

/** Waits until the element shows `phase` (its custom state, `:state(phase)`). */
export async function reach(scene: Scene, phase: MynaFetchPhase): Promise<void> {
  await waitFor(() => expect(scene.el.matches(`:state(${phase})`), `:state(${phase})`).toBe(true), { timeout: FLOW_TIMEOUT_MS });
  await scene.el.updateComplete;
}

export async function press(scene: Scene, name: string): Promise<void> {
  await userEvent.click(scene.shadow.getByRole('button', { name }));
}

/** Presses the element's own button (its name comes from a slot, so it is found by part). */
export async function pressMain(scene: Scene): Promise<void> {
  await userEvent.click(mainButton(scene));
}

/** Presses the button and waits for the disclosure dialog with everything loaded. */
export async function openDisclosure(scene: Scene): Promise<void> {
  await pressMain(scene);
  await reach(scene, 'disclosure');
  await waitFor(() => expect(scene.shadow.getByRole('button', { name: scene.text.continue })).toBeEnabled(), { timeout: FLOW_TIMEOUT_MS });
}

/**
 * A stand-in for the consent pop-up. Storybook never opens real windows: the element opens its
 * pop-up synchronously in the click handler with `window.open('about:blank')`, and a play function's
 * synthetic click has no user activation, so a real browser would block it anyway. For the length of
 * one click, `window.open` answers this object instead (or `null`: "the browser blocked it").
 */
function fakeConsentWindow(): Window {
  const fake = { closed: false, location: { href: 'about:blank' }, close: () => void (fake.closed = true) };
  return fake as unknown as Window;
}

export async function withWindowOpen(answer: 'fake-window' | 'blocked', click: () => Promise<void>): Promise<void> {
  const original = window.open;
  window.open = () => (answer === 'blocked' ? null : fakeConsentWindow());
  try {
    await click();
  } finally {
    window.open = original;
  }
}

/** 「マイナポータルへ進む」: in popup mode with the fake consent window; in redirect/kiosk mode the relay's same-page launch URL. */
export async function continueToPortal(scene: Scene, popup: 'fake-window' | 'blocked' = 'fake-window'): Promise<void> {
  await withWindowOpen(popup, () => press(scene, scene.text.continue));
}

/** Button → disclosure → continue: the flow has started at the (scripted) relay. */
export async function startFlow(scene: Scene): Promise<void> {
  await openDisclosure(scene);
  await continueToPortal(scene);
}

/**
 * Back from the portal in redirect and kiosk mode. The scripted relay's launch URL was this page
 * with `#myna-flow=<id>`, so "leaving" was a fragment navigation; coming back is the element being
 * connected again, which resumes the flow from sessionStorage exactly as after a real page load.
 */
export async function returnFromPortal(scene: Scene): Promise<void> {
  await waitFor(() => expect(location.hash).toContain('myna-flow='), { timeout: FLOW_TIMEOUT_MS });
  const { el } = scene;
  const parent = el.parentNode!;
  const next = el.nextSibling;
  el.remove();
  parent.insertBefore(el, next);
}

/** Focus inside the shadow root (`document.activeElement` is the host element itself). */
export async function expectFocused(scene: Scene, element: Element): Promise<void> {
  await waitFor(() => expect(scene.el.shadowRoot!.activeElement === element, 'focused').toBe(true));
}

/** Types into an (empty) field of the email fallback form. */
export async function typeInto(scene: Scene, label: string, value: string): Promise<void> {
  await userEvent.type(scene.shadow.getByLabelText(label), value);
}

/**
 * Runs `act`, expecting the element to name the misconfigured attribute on the console as well as
 * on screen. The console line is captured here, so a story's console stays clean.
 */
export async function expectConsoleError(fragment: string, act: () => Promise<void>): Promise<void> {
  const consoleError = spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await act();
    await expect(consoleError).toHaveBeenCalledWith(expect.stringContaining(fragment));
  } finally {
    consoleError.mockRestore();
  }
}
