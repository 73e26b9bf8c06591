/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read field by field in assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, jsonPatch, startApiServer } from '../../src/apiserver/index.js';

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer(createDefaultCluster(), {
    port: 0,
    paused: true,
    wallClockTimestamps: false,
    insecureHttp: true,
  });
});

afterAll(async () => {
  await server?.close();
});

function stateJson(): string {
  const s = server.simulation.snapshot();
  return JSON.stringify([
    s.time,
    [...s.nodes],
    [...s.pods],
    [...s.daemonSets],
    [...s.events],
    [...s.namespaces],
    server.simulation.trace.length,
  ]);
}

async function send(
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': contentType },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, body: await res.json() };
}

describe('jsonPatch (RFC 6902)', () => {
  it('adds, removes, replaces, moves, copies and tests, on a copy', () => {
    const doc = { a: { b: [1, 2] }, c: 'x' };
    const out = jsonPatch(doc, [
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'add', path: '/a/b/0', value: 0 },
      { op: 'remove', path: '/a/b/1' },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e~1f' },
      { op: 'test', path: '/a/b', value: [0, 2, 3] },
    ]);
    expect(out).toEqual({ a: { b: [0, 2, 3] }, c: 'y', 'e/f': 'y' });
    expect(doc).toEqual({ a: { b: [1, 2] }, c: 'x' });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/c', value: 'z' }])).toThrow('test failed');
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/nope', value: 1 }])).toThrow('missing key');
    expect(() => jsonPatch(doc, [{ op: 'add', path: '/__proto__/x', value: 1 }])).toThrow(
      'invalid JSON pointer',
    );
    expect(() => jsonPatch(doc, { op: 'add' })).toThrow('list of operations');
  });
});

describe('the simulated API server: writes and watches', () => {
  it('applies a JSON patch to a DaemonSet; a bad one is a 422 that changes nothing', async () => {
    const path = '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy';
    const ok = await send(
      'PATCH',
      path,
      JSON.stringify([{ op: 'add', path: '/spec/minReadySeconds', value: 2 }]),
      'application/json-patch+json',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.spec.minReadySeconds).toBe(2);
    const before = stateJson();
    const bad = await send(
      'PATCH',
      path,
      JSON.stringify([{ op: 'remove', path: '/spec/nope' }]),
      'application/json-patch+json',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.kind).toBe('Status');
    const notList = await send('PATCH', path, '{"op":"add"}', 'application/json-patch+json');
    expect(notList.status).toBe(400);
    expect(stateJson()).toBe(before);
  });

  it('answers dryRun=All with the object that would be stored and writes nothing', async () => {
    const before = stateJson();
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'dry' },
      spec: {
        selector: { matchLabels: { app: 'dry' } },
        template: { metadata: { labels: { app: 'dry' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
    };
    const created = await send(
      'POST',
      '/apis/apps/v1/namespaces/default/daemonsets?dryRun=All',
      JSON.stringify(manifest),
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.name).toBe('dry');
    const pod = [...server.simulation.snapshot().pods.keys()][0]!.split('/');
    const del = await send('DELETE', `/api/v1/namespaces/${pod[0]}/pods/${pod[1]}?dryRun=All`);
    expect(del.status).toBe(200);
    const wrong = await send(
      'POST',
      '/apis/apps/v1/namespaces/default/daemonsets?dryRun=Some',
      JSON.stringify(manifest),
    );
    expect(wrong.status).toBe(400);
    expect(stateJson()).toBe(before);
  });

  it('watches Events and versions deletions with the engine resourceVersion', async () => {
    const list = await send('GET', '/api/v1/namespaces/kube-system/events');
    const rv = list.body.metadata.resourceVersion as string;
    const pods = await send('GET', `/api/v1/namespaces/kube-system/pods?resourceVersion=0`);
    const pod = pods.body.items.find((p: any) => p.metadata.name.startsWith('kube-proxy'));
    const controller = new AbortController();
    const res = await fetch(
      `${server.url}/api/v1/namespaces/kube-system/pods?watch=true&resourceVersion=${rv}`,
      { signal: controller.signal },
    );
    const events = await fetch(
      `${server.url}/api/v1/namespaces/kube-system/events?watch=true&resourceVersion=${rv}`,
      { signal: controller.signal },
    );
    const del = await send(
      'DELETE',
      `/api/v1/namespaces/kube-system/pods/${pod.metadata.name}`,
      JSON.stringify({ gracePeriodSeconds: 0 }),
    );
    expect(del.status).toBe(200);
    const read = async (r: Response, until: (text: string) => boolean): Promise<string> => {
      const reader = r.body!.getReader();
      let text = '';
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    };
    const podText = await read(res, (t) => t.includes('"DELETED"'));
    const deleted = podText
      .split('\n')
      .map((l) => (l === '' ? undefined : JSON.parse(l)))
      .find((e) => e?.type === 'DELETED');
    expect(deleted.object.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(Number(deleted.object.metadata.resourceVersion)).toBeGreaterThan(
      Number(pod.metadata.resourceVersion),
    );
    const eventText = await read(events, (t) => t.includes('SuccessfulCreate'));
    expect(eventText).toContain('"kind":"Event"');
    controller.abort();
  });

  it('serves node Leases in kube-node-lease (coordination.k8s.io/v1) with MicroTime renewals', async () => {
    const groups = await send('GET', '/apis');
    expect(groups.body.groups.map((g: { name: string }) => g.name)).toEqual(['apps', 'coordination.k8s.io']);
    const leases = await send('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases');
    expect(leases.body.kind).toBe('LeaseList');
    expect(leases.body.items).toHaveLength(2);
    expect(leases.body.items[0].spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d0\.000000Z$/);
    const none = await send('GET', '/apis/coordination.k8s.io/v1/namespaces/default/leases');
    expect(none.body.items).toEqual([]);
  });
});
