/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read field by field in assertions */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';
import { OPENAPI_V2_PROTOBUF } from '../../src/apiserver/openApiV2Protobuf.js';

let server: ApiServer;

beforeEach(async () => {
  server = await startApiServer(createDefaultCluster(), {
    paused: true,
    wallClockTimestamps: false,
    insecureHttp: true,
  });
});
afterEach(async () => {
  await server.close();
});

describe('the API server on what it does not simulate', () => {
  it('serves /openapi/v2 as protobuf: a swagger 2.0 document with no definitions', async () => {
    const res = await fetch(`${server.url}/openapi/v2`, { headers: { Accept: OPENAPI_V2_PROTOBUF } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Field 1 (swagger), length 3, "2.0"; then field 2 (info) holding title and version.
    expect([...bytes.slice(0, 5)]).toEqual([0x0a, 3, 0x32, 0x2e, 0x30]);
    expect(bytes[5]).toBe(0x12);
    expect(bytes[6]).toBe(bytes.length - 7);
    expect(new TextDecoder().decode(bytes.slice(7))).toContain('Kubernetes');
  });

  it('answers exec, attach and portforward on a pod, by any method, with a 405 saying no containers run', async () => {
    const pod = [...server.simulation.snapshot().pods.keys()][0]!;
    const [ns, name] = pod.split('/');
    for (const sub of ['exec', 'attach', 'portforward'])
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${server.url}/api/v1/namespaces/${ns}/pods/${name}/${sub}?command=ls`, {
          method,
        });
        expect(res.status).toBe(405);
        const body = (await res.json()) as any;
        expect(body.kind).toBe('Status');
        expect(body.reason).toBe('MethodNotAllowed');
        expect(body.message).toContain(`pods/${sub} is not supported: daemonsim simulates containers`);
        expect(body.details).toEqual({ name, kind: 'pods' });
      }
  });

  it('answers a kind it does not serve with a 404 and keeps it out of discovery', async () => {
    const res = await fetch(`${server.url}/apis/apps/v1/namespaces/default/deployments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).reason).toBe('NotFound');
    const apps = (await (await fetch(`${server.url}/apis/apps/v1`)).json()) as any;
    expect(apps.resources.map((r: { name: string }) => r.name)).not.toContain('deployments');
    const core = (await (await fetch(`${server.url}/api/v1`)).json()) as any;
    const names = core.resources.map((r: { name: string }) => r.name);
    expect(names).not.toContain('services');
    expect(names).not.toContain('pods/exec');
  });
});
