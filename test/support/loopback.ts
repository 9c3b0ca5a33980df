import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on an ephemeral loopback port with no handler yet, so its origin is known first. */
export async function listenOnLoopback(): Promise<{ server: Server; port: number; origin: string }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  // Load generators (bench/) keep their connections open between rounds; closeServer ends them.
  server.keepAliveTimeout = 30_000;
  const { port } = server.address() as AddressInfo;
  return { server, port, origin: `http://127.0.0.1:${port}` };
}

/** Closes a server and every connection it still holds (keep-alive sockets of a browser, too). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
