import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { createSandbox, startSandbox } from '../../../src/dev/sandbox/index.js';
import { detailFor, newDpop, prepareRequest, withDpopNonceRetry } from './harness.js';

describe('sandbox startup', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'myna-sandbox-startup-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('listens on a free port and takes its issuer from it', async () => {
    const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', clients: [], dataDir });
    try {
      assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const metadata = (await (await fetch(`${sandbox.url}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
      assert.equal(metadata.issuer, sandbox.url);
      const jwks = (await (await fetch(metadata.jwks_uri)).json()) as { keys: { kid: string; d?: string }[] };
      const stored = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8')) as { signingJwk: { kid: string } };
      assert.deepEqual(
        jwks.keys.map((key) => key.kid),
        [stored.signingJwk.kid],
      );
      assert.ok(jwks.keys.every((key) => key.d === undefined), 'no private parts published');
    } finally {
      await sandbox.close();
    }
  });

  it('keeps its signing key across restarts, readable by its owner only', async () => {
    const before = await readFile(join(dataDir, 'keys.json'), 'utf8');
    await createSandbox({ issuer: 'http://localhost:8788', clients: [], dataDir });
    assert.equal(await readFile(join(dataDir, 'keys.json'), 'utf8'), before);
    assert.equal((await stat(join(dataDir, 'keys.json'))).mode & 0o777, 0o600);
  });

  it('wants an origin as its issuer', async () => {
    await assert.rejects(createSandbox({ issuer: 'http://localhost:8788/portal', clients: [], dataDir }), /must be an origin/);
    const { issuer } = await createSandbox({ issuer: 'http://localhost:8788/', clients: [], dataDir });
    assert.equal(issuer, 'http://localhost:8788');
  });

  it('fetches a configured jwks_uri on loopback, as the development relay needs', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }] });
    const relay = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayOrigin = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      clients: [{ clientId: 'dev-relay', jwksUri: `${relayOrigin}/.well-known/jwks.json`, redirectUris: [`${relayOrigin}/v1/flows/callback`] }],
      dataDir,
    });
    try {
      const insecure = { [oauth.allowInsecureRequests]: true } as const;
      const as = await oauth.processDiscoveryResponse(new URL(sandbox.url), await oauth.discoveryRequest(new URL(sandbox.url), insecure));
      const client: oauth.Client = { client_id: 'dev-relay' };
      const { dpop } = await newDpop(client);
      const { params } = await prepareRequest(detailFor(['localTax.salaryRevenue']));
      const pushed = await withDpopNonceRetry(async () =>
        oauth.processPushedAuthorizationResponse(
          as,
          client,
          await oauth.pushedAuthorizationRequest(as, client, oauth.PrivateKeyJwt(privateKey), { ...params, redirect_uri: `${relayOrigin}/v1/flows/callback` }, { DPoP: dpop, ...insecure }),
        ),
      );
      assert.match(pushed.request_uri, /^urn:ietf:params:oauth:request_uri:/);
    } finally {
      await sandbox.close();
      relay.close();
    }
  });

  it('stops with a message naming a bad environment variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/dev/sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_CLIENT_REDIRECT_URIS: 'not a url', SANDBOX_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /SANDBOX_CLIENT_REDIRECT_URIS/);
  });
});
