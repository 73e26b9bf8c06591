import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';

let server: ApiServer;
const dir = mkdtempSync(join(tmpdir(), 'daemonsim-auth-'));

beforeAll(async () => {
  server = await startApiServer(createDefaultCluster(), { paused: true, wallClockTimestamps: false });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS request trusting only `ca` (the server's own CA unless given). */
function get(
  path: string,
  headers: Record<string, string> = {},
  ca: string = server.certificateAuthority!,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers, ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${server.token!}` });
const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

describe('the API server over HTTPS with a bearer token', () => {
  it('serves HTTPS with a certificate its own CA signed, for 127.0.0.1, localhost and ::1', async () => {
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    expect((await get('/api/v1/nodes', bearer())).status).toBe(200);
    const presented = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = connect(
        { host: '127.0.0.1', port: server.port, servername: 'localhost', ca: server.certificateAuthority! },
        () => {
          resolve(socket.getPeerX509Certificate()!);
          socket.end();
        },
      );
      socket.on('error', reject);
    });
    const ca = new X509Certificate(server.certificateAuthority!);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=daemonsim-ca');
    expect(presented.checkIssued(ca)).toBe(true);
    expect(presented.verify(ca.publicKey)).toBe(true);
    expect([
      presented.checkIP('127.0.0.1'),
      presented.checkIP('::1'),
      presented.checkHost('localhost'),
    ]).toEqual(['127.0.0.1', '::1', 'localhost']);
  });

  it('is not trusted by a client that trusts another run CA', async () => {
    const other = await startApiServer(createDefaultCluster(), { paused: true });
    try {
      await expect(get('/version', {}, other.certificateAuthority!)).rejects.toThrow(/certificate/);
    } finally {
      await other.close();
    }
  });

  it('answers a request without the token with a 401 Unauthorized Status, and changes nothing', async () => {
    const nodes = server.simulation.snapshot().nodes.size;
    for (const headers of [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Basic ${server.token!}` },
    ]) {
      const res = await get('/api/v1/nodes', headers);
      expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 401, body: UNAUTHORIZED });
    }
    const create = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/v1/nodes',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          ca: server.certificateAuthority!,
          agent: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'intruder' } }));
    });
    expect(create).toBe(401);
    expect(server.simulation.snapshot().nodes.size).toBe(nodes);
  });

  it('takes the token with the scheme in any case, as the bearer token authenticator does', async () => {
    expect((await get('/api/v1/nodes', { Authorization: `bearer ${server.token!}` })).status).toBe(200);
    expect((await get('/api/v1/nodes', { Authorization: `BEARER ${server.token!}` })).status).toBe(200);
  });

  it('lets a request with no credentials read /healthz, /livez, /readyz and /version only', async () => {
    for (const path of ['/healthz', '/livez', '/readyz', '/version', '/version/'])
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
    for (const path of ['/api', '/apis', '/openapi/v2', '/daemonsim/v1/time', '/healthz/ping'])
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 401 });
  });

  it('refuses a wrong token on the public paths too, as upstream authenticates before it authorises', async () => {
    expect((await get('/healthz', { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('writes a kubeconfig holding the CA and the token, readable by its owner only', () => {
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, 'left by an earlier run\n', { mode: 0o644 });
    const text = server.kubeconfig(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const config = parseYaml(text);
    const cluster = config.clusters[0].cluster;
    expect(cluster.server).toBe(server.url);
    expect(Buffer.from(cluster['certificate-authority-data'], 'base64').toString()).toBe(
      server.certificateAuthority,
    );
    expect(config.users[0].user).toEqual({ token: server.token });
    expect(server.token).toMatch(/^[\w-]{43}$/);
  });
});

describe('the API server with insecureHttp', () => {
  it('serves plain HTTP with no token, and writes a kubeconfig without credentials', async () => {
    const plain = await startApiServer(createDefaultCluster(), { paused: true, insecureHttp: true });
    try {
      expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(plain.token).toBeUndefined();
      expect((await fetch(`${plain.url}/api/v1/nodes`)).status).toBe(200);
      const config = parseYaml(plain.kubeconfig());
      expect(config.clusters[0].cluster).toEqual({ server: plain.url });
      expect(config.users[0].user).toEqual({});
    } finally {
      await plain.close();
    }
  });
});
