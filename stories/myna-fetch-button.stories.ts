import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { fill } from '../src/widget/i18n/index.js';
import { loanFormMeta, type ButtonArgs } from './support/loan-form.js';
import {
  continueToPortal,
  mainButton,
  openDisclosure,
  partOf,
  press,
  pressMain,
  reach,
  returnFromPortal,
  sceneOf,
  startFlow,
  statusOf,
} from './support/play.js';
import { SESSION_TOKEN, boundIncomeSuccess, incomeSuccess } from './support/story-relay.js';

// Every step of the flow, reached the way a user reaches it: a play function presses the buttons of
// the real element, which talks to a scripted relay client given to it by <myna-fetch-config>.
// (A line comment, not JSDoc: the docs page shows the element's own description from the manifest.)
const meta = {
  ...loanFormMeta,
  title: 'myna-fetch-button/Flow',
  tags: ['autodocs'],
} satisfies Meta<ButtonArgs>;

export default meta;
type Story = StoryObj<ButtonArgs>;

/** The button as the host page shows it; every control is live. */
export const Idle: Story = {
  play: async (context) => {
    const scene = await sceneOf(context);
    await expect(scene.el.matches(':state(idle)')).toBe(true);
    await expect(mainButton(scene)).toBeEnabled();
  },
};

/**
 * The element has no `disabled` attribute: it is busy, never disabled by the host. While it talks to
 * the relay (here the relay never answers the start of the flow) its button is disabled and
 * `aria-busy`, and 「中止する」 stays available.
 */
export const BusyStarting: Story = {
  name: 'Busy (disabled button)',
  parameters: { relay: { hold: ['startFlow'] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'starting');
    await expect(mainButton(scene)).toBeDisabled();
    await expect(mainButton(scene)).toHaveAttribute('aria-busy', 'true');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.starting);
    await expect(scene.shadow.getByRole('button', { name: scene.text.cancel })).toBeEnabled();
  },
};

/** The disclosure dialog opens at once and says that it is still checking what is fetched and whether the servers are up. */
export const Checking: Story = {
  parameters: { relay: { hold: ['disclosure', 'availability'] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await pressMain(scene);
    await reach(scene, 'disclosure');
    await expect(partOf(scene, 'dialog')).toHaveTextContent(scene.text.disclosureLoading);
    await expect(scene.shadow.getByRole('button', { name: scene.text.continue })).toBeDisabled();
  },
};

/** Who fetches what, from where, for which point in time, why and for how long (guideline 2.3 ※2). */
export const Disclosure: Story = {
  args: { query: 'at', at: '2025-06-01' },
  play: async (context) => {
    const scene = await sceneOf(context);
    await openDisclosure(scene);
    const dialog = partOf(scene, 'dialog') as HTMLDialogElement;
    await expect(dialog.open).toBe(true);
    await expect(dialog).toHaveTextContent(fill(scene.text.periodAt, { at: '2025-06-01' }));
    await expect(dialog).toHaveTextContent(fill(scene.text.disclosureRetention, { days: 30 }));
  },
};

/**
 * At the portal, in the pop-up. Storybook opens no window: for the one click on 「マイナポータルへ
 * 進む」 the play function makes `window.open` return a stand-in window object, then the relay keeps
 * answering "awaiting consent".
 */
export const Consenting: Story = {
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'consenting');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.consenting);
    await expect(mainButton(scene)).toBeDisabled();
  },
};

/** Consent given; the relay is still fetching. The elapsed time counts up with every poll. */
export const Waiting: Story = {
  parameters: { relay: { results: [{ status: 'pending', elapsedMs: 1000 }] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'waiting');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.waiting);
    // 「経過時間 1 秒」, "1 s elapsed": whatever the count is by now.
    const elapsed = new RegExp(scene.text.waitingElapsed.replace('{seconds}', '\\d+'));
    await expect(scene.shadow.getByText(elapsed)).toBeVisible();
  },
};

/** Retrieval passed `timeout` (here 1 s; 20 s by default, guideline Q&A 問2): the figure 6-1 notice, while polling goes on. */
export const TimeoutNotice: Story = {
  args: { timeout: 1 },
  parameters: { relay: { results: [{ status: 'pending', elapsedMs: 1000 }] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'waiting');
    await waitFor(() => expect(partOf(scene, 'notice')).not.toBeNull(), { timeout: 5000 });
    await expect(statusOf(scene)).toHaveTextContent(scene.text.timeoutNotice);
    for (const name of [scene.text.enterManually, scene.text.keepWaiting, scene.text.emailMe]) {
      await expect(scene.shadow.getByRole('button', { name })).toBeVisible();
    }
  },
};

/** The data as it came, and which host field it will fill; nothing is written yet. */
export const Review: Story = {
  parameters: { relay: { results: [incomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'review');
    await expect(partOf(scene, 'review')).toHaveTextContent('567');
    await expect(scene.income).toHaveValue('');
  },
};

/** 「フォームに入力する」: the annual income field holds 567 (万円). */
export const Done: Story = {
  parameters: { relay: { results: [incomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'review');
    await press(scene, scene.text.fill);
    await reach(scene, 'done');
    await expect(scene.income).toHaveValue('567');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.done);
  },
};

/**
 * Bound to a provider session (`session`, the client token from the provider's backend): the session
 * decides what is fetched. After the fill the session id is in the form (a hidden `myna_session_id`)
 * for the backend to redeem the signed result, and the `data-myna-lock` field is read-only with an
 * Edit button beside it.
 */
export const BoundToSession: Story = {
  name: 'Bound to a provider session',
  args: { session: SESSION_TOKEN, items: '' },
  parameters: { relay: { results: [boundIncomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'review');
    await press(scene, scene.text.fill);
    await reach(scene, 'done');
    await expect(scene.income).toHaveValue('567');
    await expect(scene.income.readOnly).toBe(true);
    const form = scene.income.form!;
    await expect(form.querySelector<HTMLInputElement>('input[name="myna_session_id"]')?.value).toBe('ses_scripted-1');
    await expect(scene.income.nextElementSibling).toHaveTextContent(scene.text.edit);
  },
};

/** With `skip-review`, the form is filled as soon as the data arrives. */
export const DoneWithoutReview: Story = {
  args: { 'skip-review': true },
  parameters: { relay: { results: [incomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'done');
    await expect(scene.income).toHaveValue('567');
  },
};

/** 「中止する」 in the disclosure: nothing was asked of the portal, the form is unchanged. */
export const Cancelled: Story = {
  play: async (context) => {
    const scene = await sceneOf(context);
    await openDisclosure(scene);
    await press(scene, scene.text.cancel);
    await reach(scene, 'cancelled');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.cancelled);
    await expect(scene.relay?.started).toHaveLength(0);
  },
};

/** The portal stopped after repeated wrong card PINs. */
export const CancelledCardLocked: Story = {
  name: 'Cancelled (card locked)',
  parameters: { relay: { results: [{ status: 'cancelled', step: 'card_locked' }] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'cancelled');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.cardLocked);
  },
};

/** 「入力しない」 at review: the data is discarded, nothing is filled in. */
export const Discarded: Story = {
  parameters: { relay: { results: [incomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await reach(scene, 'review');
    await press(scene, scene.text.discard);
    await reach(scene, 'cancelled');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.discarded);
    await expect(scene.income).toHaveValue('');
  },
};

/**
 * Kiosk terminals (guideline v2.2 chapter 3): consent happens in this window and the review is
 * mandatory, even with `skip-review`. The scripted relay's launch URL is this page plus
 * `#myna-flow=<id>`, so going to the portal stays on the story; coming back is the element being
 * connected again, which resumes the flow from sessionStorage as after a real page load.
 */
export const Kiosk: Story = {
  name: 'Kiosk (review is mandatory)',
  args: { mode: 'kiosk', 'skip-review': true },
  parameters: { relay: { start: 'same-page', results: [incomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await openDisclosure(scene);
    await continueToPortal(scene);
    await reach(scene, 'consenting');
    await returnFromPortal(scene);
    await reach(scene, 'review');
    await expect(scene.relay?.started[0]?.mode).toBe('kiosk');
    await expect(scene.income).toHaveValue('');
  },
};

/** Redirect mode, back from the portal: the flow resumes and the data waits for review. */
export const RedirectReturn: Story = {
  name: 'Redirect (back from the portal)',
  args: { mode: 'redirect' },
  parameters: { relay: { start: 'same-page', results: [{ status: 'pending', elapsedMs: 1000 }, incomeSuccess] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await openDisclosure(scene);
    await continueToPortal(scene);
    await reach(scene, 'consenting');
    await returnFromPortal(scene);
    await reach(scene, 'review');
    await expect(scene.relay?.started[0]?.mode).toBe('redirect');
  },
};

/** A bank's brand through the documented custom properties, shown on the disclosure dialog. */
export const BankBrandTheme: Story = {
  name: 'Theme: bank brand',
  args: {
    '--myna-accent': '#00573f',
    '--myna-on-accent': '#ffffff',
    '--myna-error': '#a4161a',
    '--myna-radius': '2px',
    '--myna-font': '500 1rem/1.7 "Hiragino Sans", "Noto Sans JP", system-ui, sans-serif',
    '--myna-focus-ring': '3px solid #c77700',
    '--myna-surface': '#f6f4ee',
  },
  play: async (context) => {
    const scene = await sceneOf(context);
    await expect(getComputedStyle(mainButton(scene)).backgroundColor).toBe('rgb(0, 87, 63)');
    await openDisclosure(scene);
    await expect(getComputedStyle(partOf(scene, 'dialog')!).backgroundColor).toBe('rgb(246, 244, 238)');
  },
};
