/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read field by field in assertions */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';
import { MONITORING_DAEMON_MANIFEST, parseManifests } from '@daemonsim/scenarios';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const MONITORING = parseManifests(MONITORING_DAEMON_MANIFEST)[0] as Record<string, unknown>;

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

async function getJson(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, body: await res.json() };
}

async function send(
  method: string,
  path: string,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, { method, body, headers: { 'Content-Type': contentType } });
  return { status: res.status, body: await res.json() };
}

function snapshotJson(): string {
  const s = server.simulation.snapshot();
  return JSON.stringify([
    s.time,
    [...s.nodes],
    [...s.pods],
    [...s.daemonSets],
    [...s.controllerRevisions],
    [...s.namespaces],
  ]);
}

describe('the simulated API server', () => {
  it('listens on loopback only by default and serves discovery for core and apps/v1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await getJson('/version')).body.gitVersion).toMatch(/^v1\.32\./);
    expect((await getJson('/api')).body.versions).toEqual(['v1']);
    expect((await getJson('/apis')).body.groups[0].name).toBe('apps');
    const core = (await getJson('/api/v1')).body.resources.map((r: { name: string }) => r.name);
    expect(core).toEqual(expect.arrayContaining(['pods', 'pods/log', 'nodes', 'namespaces', 'events']));
    const apps = (await getJson('/apis/apps/v1')).body.resources.map((r: { name: string }) => r.name);
    expect(apps).toEqual(expect.arrayContaining(['daemonsets', 'daemonsets/status', 'controllerrevisions']));
    expect((await getJson('/openapi/v2')).body.definitions['io.k8s.api.apps.v1.DaemonSet']).toBeDefined();
  });

  it('answers a Table request with the core table, rows carrying PartialObjectMetadata or the object', async () => {
    const { body } = await getJson('/apis/apps/v1/namespaces/kube-system/daemonsets', { Accept: TABLE });
    expect(body.kind).toBe('Table');
    expect(body.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 3)).toEqual([
      'Name',
      'Desired',
      'Current',
    ]);
    expect(body.rows.map((r: { cells: unknown[] }) => r.cells[0])).toEqual(['aws-node', 'kube-proxy']);
    expect(body.rows[0].object.kind).toBe('PartialObjectMetadata');
    const full = await getJson('/apis/apps/v1/namespaces/kube-system/daemonsets?includeObject=Object', {
      Accept: TABLE,
    });
    expect(full.body.rows[0].object.kind).toBe('DaemonSet');
  });

  it('lists with label and field selectors, across namespaces, with a resourceVersion', async () => {
    const proxies = (await getJson('/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-proxy'))
      .body;
    expect(proxies.kind).toBe('PodList');
    expect(proxies.items).toHaveLength(2);
    expect(proxies.metadata.resourceVersion).toMatch(/^\d+/);
    const node = proxies.items[0].spec.nodeName as string;
    const onNode = (await getJson(`/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`)).body.items;
    expect(onNode).toHaveLength(2);
    const none = (await getJson('/api/v1/namespaces/default/pods')).body.items;
    expect(none).toEqual([]);
    const bad = await getJson('/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('field label not supported: spec.bogus');
  });

  it('streams watch events as JSON lines, from a list resourceVersion, as writes happen', async () => {
    const list = (await getJson('/api/v1/nodes')).body;
    const controller = new AbortController();
    const res = await fetch(
      `${server.url}/api/v1/nodes?watch=true&resourceVersion=${list.metadata.resourceVersion}`,
      { signal: controller.signal },
    );
    const reader = res.body!.getReader();
    const added = await send(
      'POST',
      '/api/v1/nodes',
      JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-3' } }),
    );
    expect(added.status).toBe(201);
    let text = '';
    while (!text.includes('\n')) text += new TextDecoder().decode((await reader.read()).value);
    const event = JSON.parse(text.split('\n')[0]!);
    expect(event.type).toBe('ADDED');
    expect(event.object.metadata.name).toBe('node-3');
    controller.abort();
    expect(
      server.simulation.trace.some(
        (e) => e.entry === 'event' && e.type === 'NodeAdded' && e.detail === 'node-3',
      ),
    ).toBe(true);
  });

  it('creates a DaemonSet as a ManifestApplied event and updates it with a strategic merge patch', async () => {
    const created = await send(
      'POST',
      '/apis/apps/v1/namespaces/default/daemonsets',
      JSON.stringify(MONITORING),
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.generation).toBe(1);
    const again = await send(
      'POST',
      '/apis/apps/v1/namespaces/default/daemonsets',
      JSON.stringify(MONITORING),
    );
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('AlreadyExists');
    const patch = {
      spec: {
        template: { spec: { containers: [{ name: 'monitoring-agent', image: 'monitoring-agent:v2' }] } },
      },
    };
    const patched = await send(
      'PATCH',
      '/apis/apps/v1/namespaces/default/daemonsets/monitoring-daemon',
      JSON.stringify(patch),
      'application/strategic-merge-patch+json',
    );
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.generation).toBe(2);
    expect(patched.body.spec.template.spec.containers[0].image).toBe('monitoring-agent:v2');
    const applied = server.simulation.trace.filter(
      (e) => e.entry === 'event' && e.type === 'ManifestApplied',
    );
    expect(applied.at(-1)).toMatchObject({ detail: 'DaemonSet default/monitoring-daemon' });
  });

  it('takes a server-side apply (apply-patch+yaml) as create or update', async () => {
    const yaml = MONITORING_DAEMON_MANIFEST;
    const first = await send(
      'PATCH',
      '/apis/apps/v1/namespaces/default/daemonsets/monitoring-daemon?fieldManager=kubectl',
      yaml,
      'application/apply-patch+yaml',
    );
    expect(first.status).toBe(201);
    const second = await send(
      'PATCH',
      '/apis/apps/v1/namespaces/default/daemonsets/monitoring-daemon?fieldManager=kubectl',
      yaml.replace('image: monitoring-agent', 'image: monitoring-agent:v3'),
      'application/apply-patch+yaml',
    );
    expect(second.status).toBe(200);
    expect(second.body.spec.template.spec.containers[0].image).toBe('monitoring-agent:v3');
  });

  it('maps node label, taint and cordon patches to NodeUpdated events', async () => {
    const node = server.simulation.view.nodeNames()[0]!;
    const r1 = await send(
      'PATCH',
      `/api/v1/nodes/${node}`,
      JSON.stringify({ metadata: { labels: { disk: 'ssd' } } }),
      'application/merge-patch+json',
    );
    expect(r1.body.metadata.labels.disk).toBe('ssd');
    const r2 = await send(
      'PATCH',
      `/api/v1/nodes/${node}`,
      JSON.stringify({ spec: { unschedulable: true } }),
      'application/strategic-merge-patch+json',
    );
    expect(r2.body.spec.unschedulable).toBe(true);
    const taints = [...r2.body.spec.taints, { key: 'dedicated', value: 'special', effect: 'NoSchedule' }];
    const r3 = await send(
      'PATCH',
      `/api/v1/nodes/${node}`,
      JSON.stringify({ spec: { taints } }),
      'application/strategic-merge-patch+json',
    );
    expect(r3.body.spec.taints).toContainEqual({ key: 'dedicated', value: 'special', effect: 'NoSchedule' });
    const updates = server.simulation.trace.filter((e) => e.entry === 'event' && e.type === 'NodeUpdated');
    expect(updates).toHaveLength(3);
  });

  it('deletes a DaemonSet with the propagationPolicy of the DeleteOptions body', async () => {
    const res = await send(
      'DELETE',
      '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy',
      JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' }),
    );
    expect(res.status).toBe(200);
    const proxies = [...server.simulation.snapshot().pods.values()].filter(
      (p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy',
    );
    expect(proxies).toHaveLength(2);
    expect(proxies.every((p) => (p.metadata.ownerReferences ?? []).length === 0)).toBe(true);
    expect(
      server.simulation.trace.some(
        (e) =>
          e.entry === 'event' &&
          e.type === 'DaemonSetDeleted' &&
          e.detail.endsWith('propagationPolicy=Orphan'),
      ),
    ).toBe(true);
  });

  it('serves pods/log from the engine: the container program, tailLines, timestamps, Status errors', async () => {
    const pod = server.simulation.snapshot().pods.keys().next().value!;
    const [ns, name] = pod.split('/');
    const base = `${server.url}/api/v1/namespaces/${ns}/pods/${name}/log`;
    const res = await fetch(`${base}?container=aws-node`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(server.simulation.logs(pod, 'aws-node'));
    expect(text).toContain('"msg":"Validating env variables ..."');
    const tail = await (await fetch(`${base}?container=aws-node&tailLines=1&timestamps=true`)).text();
    expect(tail.trimEnd().split('\n')).toHaveLength(1);
    expect(tail).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \{"level"/);
    const bad = await fetch(`${base}?container=nope`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe(
      `container nope is not valid for pod ${name}`,
    );
  });

  it('answers bad requests with Status errors and leaves the simulation unchanged', async () => {
    const before = snapshotJson();
    const notFound = await getJson('/apis/apps/v1/namespaces/default/daemonsets/x');
    expect(notFound.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'daemonsets.apps "x" not found',
      reason: 'NotFound',
      details: { name: 'x', group: 'apps', kind: 'daemonsets' },
      code: 404,
    });
    const invalid = structuredClone(MONITORING) as any;
    invalid.spec.template.metadata.labels = { app: 'other' };
    const rejected = await send(
      'POST',
      '/apis/apps/v1/namespaces/default/daemonsets',
      JSON.stringify(invalid),
    );
    expect(rejected.status).toBe(422);
    expect(rejected.body.reason).toBe('Invalid');
    expect(rejected.body.details.causes[0].field).toBe('spec.template.metadata.labels');
    const malformed = await send('POST', '/apis/apps/v1/namespaces/default/daemonsets', '{"apiVersion": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.reason).toBe('BadRequest');
    const unknownKind = await getJson('/apis/apps/v1/namespaces/default/deployments');
    expect(unknownKind.status).toBe(404);
    const wrongVerb = await send('POST', '/apis/apps/v1/namespaces/default/controllerrevisions', '{}');
    expect(wrongVerb.status).toBe(405);
    const huge = await send(
      'POST',
      '/apis/apps/v1/namespaces/default/daemonsets',
      `{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.reason).toBe('RequestEntityTooLarge');
    expect(snapshotJson()).toBe(before);
  });

  it('serves 100 concurrent clients without error', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${server.url}${i % 2 === 0 ? '/api/v1/pods' : '/apis/apps/v1/daemonsets'}`, {
          headers: { Accept: TABLE },
        }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ kind: string }>));
    expect(bodies.every((b) => b.kind === 'Table')).toBe(true);
  });

  it('moves a paused clock only through the advance endpoint', async () => {
    const t0 = (await getJson('/daemonsim/v1/time')).body.now as number;
    await new Promise((r) => setTimeout(r, 120));
    expect((await getJson('/daemonsim/v1/time')).body.now).toBe(t0);
    const res = await send('POST', '/daemonsim/v1/advance?duration=90s', '');
    expect(res.body.now).toBe(t0 + 90_000);
    expect((await send('POST', '/daemonsim/v1/advance?duration=soon', '')).status).toBe(400);
  });
});

describe('the virtual clock at speed N', () => {
  it('advances the simulation N times the wall clock', async () => {
    const sim = createDefaultCluster();
    const t0 = sim.now;
    const fast = await startApiServer(sim, { speed: 100, tickMs: 10, insecureHttp: true });
    await new Promise((r) => setTimeout(r, 300));
    await fast.close();
    expect(sim.now - t0).toBeGreaterThanOrEqual(20_000);
    expect(sim.now - t0).toBeLessThan(100_000);
  });
});
