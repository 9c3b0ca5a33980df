/**
 * Child-process entry: runs the relay stack so the load generator (in the parent) does not share
 * an event loop with the servers it measures. Reports the origins over IPC, closes on 'close' or
 * when the parent goes away.
 */
import { startRelayStack } from './relay-stack.js';

const databaseUrl = process.env['BENCH_DATABASE_URL'];
const stack = await startRelayStack(databaseUrl ? { databaseUrl } : {});
let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await stack.close();
  process.disconnect?.();
  process.exit(0);
}
process.on('message', (message) => {
  if (message === 'close') void shutdown();
});
process.on('disconnect', () => void shutdown());
process.send?.({ relay: stack.relay, sandbox: stack.sandbox, bare: stack.bare });
