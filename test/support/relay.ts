import { assembleRelay, type Listening, type MailWorker, type Relay, type RelayConfig, type RelayOverrides } from '../../src/server/index.js';

export type ListeningRelay = Relay & Listening & { mailWorker: MailWorker };

/** The relay as `npm run relay` runs it, in this process: assembled, listening on `config.port`, its mail worker running. */
export async function startRelay(config: RelayConfig, overrides: RelayOverrides = {}): Promise<ListeningRelay> {
  if (overrides.mailer === null) throw new Error('startRelay runs the mail worker: give a mailer or none, not null');
  const relay = await assembleRelay(config, overrides);
  try {
    const listening = await relay.listen();
    return { ...relay, ...listening, mailWorker: listening.mailWorker! };
  } catch (error) {
    await relay.close();
    throw error;
  }
}
