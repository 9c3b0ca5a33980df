/** `npm run relay`: the relay on its environment (development defaults when nothing is set). */
import { assembleRelay } from './assemble.js';
import { loadConfig } from './config.js';
import { jsonLogger } from './log.js';

const log = jsonLogger();
try {
  const relay = await assembleRelay(loadConfig(process.env), { log });
  await relay.listen();
  const stop = () => {
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log('error', 'relay failed to start', { detail: (error as Error).message });
  process.exit(1);
}
