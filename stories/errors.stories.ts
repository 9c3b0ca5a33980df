import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { fill } from '../src/widget/i18n/index.js';
import { loanFormMeta, type ButtonArgs } from './support/loan-form.js';
import {
  attributeNamed,
  continueToPortal,
  expectConsoleError,
  openDisclosure,
  pressMain,
  reach,
  sceneOf,
  startFlow,
  statusOf,
  type Scene,
} from './support/play.js';
import { RelayError, SESSION_TOKEN } from './support/story-relay.js';

/**
 * Every error the element shows, each with its `myna-fetch-error` code. Configuration errors name the
 * attribute to fix, on screen and on the console (the play function captures the console line).
 */
const meta = {
  ...loanFormMeta,
  title: 'myna-fetch-button/Errors',
} satisfies Meta<ButtonArgs>;

export default meta;
type Story = StoryObj<ButtonArgs>;

async function expectError(scene: Scene, message: string): Promise<void> {
  await reach(scene, 'error');
  await expect(statusOf(scene)).toHaveTextContent(message);
}

/** Pressing the button of a misconfigured element: a visible error naming the attribute. */
function configError(attribute: string): Story['play'] {
  return async (context) => {
    const scene = await sceneOf(context);
    await expectConsoleError(attributeNamed(scene, attribute), async () => {
      await pressMain(scene);
      await reach(scene, 'error');
    });
    await expect(statusOf(scene)).toHaveTextContent(attributeNamed(scene, attribute));
  };
}

/** `config-missing-relay`: neither `relay` nor a relay client (no `<myna-fetch-config>` supplies one here). */
export const ConfigMissingRelay: Story = {
  name: 'Config: relay missing',
  parameters: { relay: null },
  play: configError('relay'),
};

/** `config-missing-items`. */
export const ConfigMissingItems: Story = {
  name: 'Config: items missing',
  args: { items: '' },
  play: configError('items'),
};

/** `config-invalid` naming `at`: 30 February. */
export const ConfigInvalidAt: Story = {
  name: 'Config: invalid at',
  args: { query: 'at', at: '2025-02-30' },
  play: configError('at'),
};

/** `config-invalid` naming `from`: a range that ends before it starts. */
export const ConfigInvalidRange: Story = {
  name: 'Config: invalid range',
  args: { query: 'range', from: '2025-06-01', to: '2024-06-01' },
  play: configError('from'),
};

/** `config-invalid` naming `mode`. */
export const ConfigInvalidMode: Story = {
  name: 'Config: invalid mode',
  args: { mode: 'iframe' as ButtonArgs['mode'] },
  play: configError('mode'),
};

/** `config-invalid` naming `purpose`: a text where an id of the relay's purpose table belongs. */
export const ConfigInvalidPurpose: Story = {
  name: 'Config: purpose not an id',
  args: { purpose: '住宅ローンの事前審査' },
  play: configError('purpose'),
};

/** `config-invalid` naming `purpose`: the relay does not know the id, and says which ids it does. */
export const ConfigUnknownPurpose: Story = {
  name: 'Config: purpose unknown to the relay',
  args: { purpose: 'car-loan' },
  parameters: { relay: { disclosure: new RelayError('unknown-purpose', 400, 'purpose', undefined, 'allowed purpose ids: mortgage-prescreen') } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await expectConsoleError('mortgage-prescreen', async () => {
      await pressMain(scene);
      await reach(scene, 'error');
    });
    await expect(statusOf(scene)).toHaveTextContent(attributeNamed(scene, 'purpose'));
  },
};

/** `session-expired`: a bound button whose provider session has expired; nothing to retry on this page. */
export const SessionExpired: Story = {
  args: { session: SESSION_TOKEN, items: '' },
  parameters: { relay: { disclosure: new RelayError('session-expired', 410) } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await pressMain(scene);
    await expectError(scene, scene.text.sessionExpired);
  },
};

/** `subject-mismatch`: the card holder is not the applicant the session names; nothing was received. */
export const SubjectMismatch: Story = {
  args: { session: SESSION_TOKEN, items: '' },
  parameters: { relay: { results: [{ status: 'error', code: 'subject-mismatch', retryable: false }] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await expectError(scene, scene.text.subjectMismatch);
    await expect(scene.income).toHaveValue('');
  },
};

/** `config-invalid` naming `items`: the relay refuses an item the provider is not approved for. */
export const ConfigItemNotAllowed: Story = {
  name: 'Config: item refused by the relay',
  args: { items: 'localTax.salaryRevenue,household' },
  parameters: { relay: { start: new RelayError('item-not-allowed', 400, 'items') } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await openDisclosure(scene);
    await expectConsoleError('item-not-allowed', async () => {
      await continueToPortal(scene);
      await reach(scene, 'error');
    });
    await expect(statusOf(scene)).toHaveTextContent(attributeNamed(scene, 'items'));
  },
};

/** `relay-unreachable`: the relay does not answer (network down, wrong URL, CORS). */
export const RelayUnreachable: Story = {
  parameters: { relay: { availability: new RelayError('relay-unreachable', 0) } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await pressMain(scene);
    await expectError(scene, scene.text.relayUnreachable);
  },
};

/** `relay-rejected`, with the relay's problem code. */
export const RelayRejected: Story = {
  parameters: { relay: { start: new RelayError('rate-limited', 429) } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await expectError(scene, fill(scene.text.relayRejected, { code: 'rate-limited' }));
  },
};

/** `portal-error`: the portal answered with an error after consent. */
export const PortalError: Story = {
  parameters: { relay: { results: [{ status: 'error', code: 'portal-unavailable', retryable: true }] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await expectError(scene, scene.text.portalError);
  },
};

/** `expired`: the flow outlived its validity; start again. */
export const Expired: Story = {
  parameters: { relay: { results: [{ status: 'error', code: 'expired', retryable: true }] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await startFlow(scene);
    await expectError(scene, scene.text.expired);
  },
};

/**
 * `popup-blocked`: `window.open` answered `null` for the click, as a pop-up blocker does. The element
 * offers to continue in this window (not pressed here: it would leave the page).
 */
export const PopupBlocked: Story = {
  play: async (context) => {
    const scene = await sceneOf(context);
    await openDisclosure(scene);
    await continueToPortal(scene, 'blocked');
    await expectError(scene, scene.text.popupBlocked);
    await expect(scene.shadow.getByRole('button', { name: scene.text.continueHere })).toBeVisible();
  },
};
