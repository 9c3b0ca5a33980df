import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { japanTime } from '../src/widget/element/views/unavailable.js';
import { fill } from '../src/widget/i18n/index.js';
import { loanFormMeta, type ButtonArgs } from './support/loan-form.js';
import { expectFocused, mainButton, partOf, press, pressMain, reach, sceneOf, statusOf, typeInto, type Scene } from './support/play.js';
import type { Availability } from '../src/widget/relay-client/index.js';
import { jukiNetStopped } from './support/story-relay.js';

/** The 日本年金機構 server outside its weekday hours (8–23, 土日祝日を除く), Saturday noon. */
const nenkinOutsideHours: Availability = {
  available: false,
  at: '2026-11-28T12:00:00.000+09:00',
  nextAvailableAt: '2026-11-30T08:00:00.000+09:00',
  servers: [
    { id: 'mynaportal', available: true, nextAvailableAt: '2026-11-28T12:00:00.000+09:00', labelJa: 'マイナポータル', labelEn: 'Mynaportal' },
    {
      id: 'nenkin',
      available: false,
      nextAvailableAt: '2026-11-30T08:00:00.000+09:00',
      reason: 'hours',
      labelJa: '日本年金機構中間サーバ',
      labelEn: 'Japan Pension Service intermediate server',
    },
  ],
};

/** An announced maintenance window of the 自治体中間サーバ (RELAY_SCHEDULE_OVERRIDES). */
const jichitaiMaintenance: Availability = {
  available: false,
  at: '2026-11-25T02:00:00.000+09:00',
  nextAvailableAt: '2026-11-25T05:00:00.000+09:00',
  servers: [
    {
      id: 'jichitai',
      available: false,
      nextAvailableAt: '2026-11-25T05:00:00.000+09:00',
      reason: 'maintenance',
      labelJa: '自治体中間サーバ',
      labelEn: 'Local government intermediate server',
    },
  ],
};

/**
 * When the government servers cannot answer (guideline Q&A 問1, figures 6-1 .. 6-3): the notice is
 * shown before the user leaves the form, with three ways on, one of them the email fallback form.
 * The scripted relay reports the 住基ネット planned stop of the third weekend.
 */
const meta = {
  ...loanFormMeta,
  title: 'myna-fetch-button/Unavailable',
  parameters: { relay: { availability: jukiNetStopped } },
} satisfies Meta<ButtonArgs>;

export default meta;
type Story = StoryObj<ButtonArgs>;

async function unavailableNotice(scene: Scene): Promise<void> {
  await pressMain(scene);
  await reach(scene, 'unavailable');
}

async function fallbackForm(scene: Scene): Promise<void> {
  await unavailableNotice(scene);
  await press(scene, scene.text.emailMe);
  await reach(scene, 'fallback');
}

/** Which system is stopped, until when in Japan time, and three ways on. Nothing was started at the portal. */
export const PlannedStop: Story = {
  name: 'Unavailable (planned stop)',
  play: async (context) => {
    const scene = await sceneOf(context);
    await unavailableNotice(scene);
    await expect(statusOf(scene)).toHaveTextContent(scene.text.unavailable);
    const notice = partOf(scene, 'notice');
    await expect(notice).toHaveTextContent(scene.lang === 'en' ? 'Resident Registry Network' : '住民基本台帳ネットワークシステム');
    await expect(notice).toHaveTextContent(fill(scene.text.unavailableUntil, { time: japanTime(jukiNetStopped.nextAvailableAt!, scene.lang) }));
    await expect(scene.relay?.started).toHaveLength(0);
  },
};

/** A notice for `availability`, checking that the stopped server is named with its reason. */
function reasonStory(name: string, availability: Availability, expected: { ja: string; en: string }): Story {
  return {
    name,
    parameters: { relay: { availability } },
    play: async (context) => {
      const scene = await sceneOf(context);
      await unavailableNotice(scene);
      await expect(partOf(scene, 'notice')).toHaveTextContent(expected[scene.lang]);
    },
  };
}

/** Outside a server's operating hours: the reason is named beside the server. */
export const OutsideHours = reasonStory('Unavailable (outside hours)', nenkinOutsideHours, {
  ja: '日本年金機構中間サーバ（運用時間外）',
  en: 'Japan Pension Service intermediate server (outside its hours)',
});

/** An announced maintenance window. */
export const Maintenance = reasonStory('Unavailable (maintenance)', jichitaiMaintenance, {
  ja: '自治体中間サーバ（メンテナンス）',
  en: 'Local government intermediate server (maintenance)',
});

/** Figure 6-2: email and re-entry, 「登録」; the cursor is in the first field. */
export const FallbackForm: Story = {
  name: 'Email fallback: empty form',
  play: async (context) => {
    const scene = await sceneOf(context);
    await fallbackForm(scene);
    await expectFocused(scene, scene.shadow.getByLabelText(scene.text.fallbackEmail));
  },
};

/** Inline errors tied to their fields (`aria-invalid`, `aria-describedby`), focus on the first. */
export const FallbackValidationErrors: Story = {
  name: 'Email fallback: validation errors',
  play: async (context) => {
    const scene = await sceneOf(context);
    await fallbackForm(scene);
    await typeInto(scene, scene.text.fallbackEmail, 'taro@');
    await typeInto(scene, scene.text.fallbackConfirmation, 'taro@example.com');
    await press(scene, scene.text.fallbackSubmit);
    const email = scene.shadow.getByLabelText(scene.text.fallbackEmail);
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(scene.text.fallbackEmailInvalid);
    await expect(scene.shadow.getByLabelText(scene.text.fallbackConfirmation)).toHaveAccessibleDescription(scene.text.fallbackMismatch);
    await expectFocused(scene, email);
    await expect(statusOf(scene)).toHaveTextContent(scene.text.fallbackErrors);
    await expect(scene.relay?.registrations).toHaveLength(0);
  },
};

/** 「登録しています…」 while the relay stores the address (here it never answers); the button cannot be pressed twice. */
export const FallbackSubmitting: Story = {
  name: 'Email fallback: submitting',
  parameters: { relay: { availability: jukiNetStopped, hold: ['registerFallback'] } },
  play: async (context) => {
    const scene = await sceneOf(context);
    await fallbackForm(scene);
    await typeInto(scene, scene.text.fallbackEmail, 'taro@example.jp');
    await typeInto(scene, scene.text.fallbackConfirmation, 'taro@example.jp');
    await press(scene, scene.text.fallbackSubmit);
    await expect(scene.shadow.getByRole('button', { name: scene.text.fallbackSubmitting })).toBeDisabled();
    await expect(scene.relay?.registrations).toHaveLength(1);
  },
};

/** Registered: the user will be mailed when the data can be fetched; the event carries no address. */
export const Registered: Story = {
  name: 'Email fallback: registered',
  play: async (context) => {
    const scene = await sceneOf(context);
    await fallbackForm(scene);
    await typeInto(scene, scene.text.fallbackEmail, 'taro@example.jp');
    await typeInto(scene, scene.text.fallbackConfirmation, 'taro@example.jp');
    await press(scene, scene.text.fallbackSubmit);
    await reach(scene, 'registered');
    await expect(statusOf(scene)).toHaveTextContent(scene.text.fallbackRegistered);
    await expect(scene.relay?.registrations[0]?.request.lang).toBe(scene.lang);
    await expectFocused(scene, mainButton(scene));
  },
};
