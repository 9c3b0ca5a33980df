import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createWebhookSender, targetAllowed, WebhookSendError, type Resolver } from '../../../src/server/webhooks/send.js';

const OPEN = { allowLoopback: false, allowedNetworks: [] };

describe('webhook targets: public addresses only, unless development or allowlisted', () => {
  it('refuses loopback, private, link-local (cloud metadata), CGNAT, multicast and mapped forms; allows public ones', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.5', '169.254.169.254', 'fe80::1', 'fd12::1', '100.64.0.1', '224.0.0.1', '0.0.0.0', '::ffff:10.0.0.1', 'not-an-ip']) {
      assert.equal(targetAllowed(address, OPEN), false, address);
    }
    for (const address of ['8.8.8.8', '2001:4860::8888', '::ffff:8.8.8.8']) assert.equal(targetAllowed(address, OPEN), true, address);
    assert.equal(targetAllowed('127.0.0.1', { allowLoopback: true, allowedNetworks: [] }), true);
    assert.equal(targetAllowed('10.0.0.1', { allowLoopback: true, allowedNetworks: [] }), false, 'development allows loopback only');
    assert.equal(targetAllowed('10.1.2.3', { allowLoopback: false, allowedNetworks: ['10.1.0.0/16'] }), true);
    assert.equal(targetAllowed('10.2.0.1', { allowLoopback: false, allowedNetworks: ['10.1.0.0/16'] }), false);
    assert.equal(targetAllowed('fd12::1', { allowLoopback: false, allowedNetworks: ['fd12::/16'] }), true);
  });
});

describe('the webhook transport over real loopback HTTP', () => {
  let server: Server;
  let origin: string;
  const received: { request: IncomingMessage; body: string }[] = [];
  let respond: (request: IncomingMessage) => number | 'hang' = () => 204;
  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ request, body: Buffer.concat(chunks).toString() });
        const status = respond(request);
        if (status === 'hang') return;
        response.writeHead(status, status === 302 ? { Location: `${origin}/elsewhere` } : {}).end('x'.repeat(100_000));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const failure = (code: string) => (error: unknown) => error instanceof WebhookSendError && error.code === code;

  it('posts the exact body and headers to a loopback receiver in development; answers of any status resolve', async () => {
    received.length = 0;
    const send = createWebhookSender({ policy: { allowLoopback: true, allowedNetworks: [] } });
    const body = JSON.stringify({ id: 'evt_x', text: '完了' });
    assert.deepEqual(await send(`${origin}/hooks?x=1`, { 'Myna-Signature': 't=1,v1=ab' }, body), { status: 204 });
    const [{ request, body: got }] = received as [(typeof received)[0]];
    assert.equal(got, body);
    assert.equal(request.url, '/hooks?x=1');
    assert.equal(request.headers['myna-signature'], 't=1,v1=ab');
    assert.equal(request.headers.host, new URL(origin).host);
    assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
    respond = () => 500;
    assert.deepEqual(await send(origin, {}, '{}'), { status: 500 }, 'a large error body is read and dropped');
    respond = () => 302;
    received.length = 0;
    assert.deepEqual(await send(`${origin}/first`, {}, '{}'), { status: 302 });
    assert.deepEqual(received.map((entry) => entry.request.url), ['/first'], 'the redirect is not followed');
    respond = () => 204;
  });

  it('refuses loopback outside development without sending, and plain http to a non-loopback name', async () => {
    received.length = 0;
    await assert.rejects(createWebhookSender({ policy: OPEN })(origin, {}, '{}'), failure('invalid-url'));
    const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    await assert.rejects(createWebhookSender({ policy: OPEN, resolver: toLoopback })('https://hooks.example.test/h', {}, '{}'), failure('target-refused'));
    await assert.rejects(createWebhookSender({ policy: { allowLoopback: true, allowedNetworks: [] }, resolver: toLoopback })('http://hooks.example.test/h', {}, '{}'), failure('invalid-url'));
    assert.equal(received.length, 0);
  });

  it('resolves once per delivery and connects to the checked address (no rebinding), refuses any private answer', async () => {
    for (const address of ['10.1.2.3', '169.254.169.254', '192.168.0.5', '::ffff:10.0.0.1', 'fd12::1']) {
      const resolver: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address, family: address.includes(':') ? 6 : 4 }];
      await assert.rejects(createWebhookSender({ policy: OPEN, resolver })('https://hooks.example.test/h', {}, '{}'), failure('target-refused'), address);
    }
    let calls = 0;
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    const development = createWebhookSender({ policy: { allowLoopback: true, allowedNetworks: [] }, resolver: rebinding });
    received.length = 0;
    // https to the checked loopback address: the plain-http receiver answers garbage to TLS, but the connection went there.
    await assert.rejects(development(`https://hooks.example.test:${new URL(origin).port}/h`, {}, '{}'));
    assert.equal(calls, 1, 'resolved exactly once');
  });

  it('an allowlisted private network passes the guard; timeouts, closed ports and unknown names are errors with codes', async () => {
    const resolver: Resolver = async () => [{ address: '10.255.255.1', family: 4 }];
    await assert.rejects(
      createWebhookSender({ policy: { allowLoopback: false, allowedNetworks: ['10.255.0.0/16'] }, resolver, timeoutMs: 300 })('https://hooks.example.test/h', {}, '{}'),
      (error: unknown) => error instanceof WebhookSendError && error.code !== 'target-refused',
    );
    respond = () => 'hang';
    const started = Date.now();
    await assert.rejects(createWebhookSender({ policy: { allowLoopback: true, allowedNetworks: [] }, timeoutMs: 300 })(origin, {}, '{}'), failure('timeout'));
    assert.ok(Date.now() - started < 3000);
    respond = () => 204;
    await assert.rejects(createWebhookSender({ policy: { allowLoopback: true, allowedNetworks: [] } })('http://127.0.0.1:9/h', {}, '{}'), failure('unreachable'));
    const missing: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await assert.rejects(createWebhookSender({ policy: OPEN, resolver: missing })('https://nowhere.example.test/h', {}, '{}'), failure('unreachable'));
  });
});
