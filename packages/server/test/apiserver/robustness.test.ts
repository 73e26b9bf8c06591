/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read field by field in assertions */
import type { DaemonSet, Pod, Simulation } from '@daemonsim/core';
import { createSimulation } from '@daemonsim/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiServer, ApiServerOptions } from '../../src/apiserver/index.js';
import { startApiServer } from '../../src/apiserver/index.js';
import { runCli } from '../../src/cli/index.js';

const daemonSet = (name: string, image = `${name}:1`) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
  },
});

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: ApiServerOptions = {}, sim = cluster()): Promise<ApiServer> {
  server = await startApiServer(sim, {
    port: 0,
    paused: true,
    wallClockTimestamps: false,
    insecureHttp: true,
    ...options,
  });
  return server;
}

function cluster(): Simulation {
  const sim = createSimulation({ seed: 5, livelock: { maxRequeuesPerInstant: 5 } });
  for (let i = 1; i <= 3; i++) sim.submit({ type: 'NodeAdded', node: { name: `node-${i}` } });
  sim.submit({ type: 'ManifestApplied', manifest: daemonSet('agent') });
  sim.runUntilQuiet();
  return sim;
}

/** The simulation's store, written directly: how a test puts an object past admission, unseen by the controllers. */
const store = (sim: Simulation) =>
  sim.view as unknown as { putPod(pod: Pod): void; putDaemonSet(ds: DaemonSet): void };

function setGrace(sim: Simulation, app: string, grace: unknown): void {
  for (const pod of sim.view.allPods())
    if (pod.metadata.labels?.app === app)
      store(sim).putPod({ ...pod, spec: { ...pod.spec, terminationGracePeriodSeconds: grace as number } });
}

async function send(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server!.url}${path}`, {
    method,
    headers: { 'Content-Type': contentType },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

function observable(sim: Simulation) {
  const s = sim.snapshot();
  return JSON.stringify([
    s.time,
    sim.pendingEvents,
    sim.eventsProcessed,
    sim.rngState,
    [...s.nodes],
    [...s.pods],
    [...s.daemonSets],
    [...s.events],
    sim.trace.length,
  ]);
}

const warningsOf = async (reason: string) =>
  ((await send('GET', '/api/v1/namespaces/default/events')).body.items as any[]).filter(
    (e) => e.type === 'Warning' && e.reason === reason,
  );

const DS_PATH = '/apis/apps/v1/namespaces/default/daemonsets/agent';

describe('POST /daemonsim/v1/advance', () => {
  const rejected: readonly (readonly [string, RegExp])[] = [
    ['abc', /^time: invalid duration "abc"$/],
    ['-5s', /^duration: Invalid value: "-5s": must not be negative$/],
    ['1.5ms', /^time: duration "1.5ms" is not a whole number of milliseconds$/],
    ['90', /^time: missing unit in duration "90"$/],
    ['NaN', /^time: invalid duration "NaN"$/],
    ['Infinity', /^time: invalid duration "Infinity"$/],
    ['', /^time: invalid duration ""$/],
  ];

  it.each(rejected)(
    'answers duration=%s with 400 naming the value, changing nothing',
    async (duration, message) => {
      const s = await serve();
      const before = observable(s.simulation);
      const res = await send('POST', `/daemonsim/v1/advance?duration=${encodeURIComponent(duration)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest' });
      expect(res.body.message).toMatch(message);
      expect(observable(s.simulation)).toBe(before);
      // Still usable afterwards.
      expect((await send('POST', '/daemonsim/v1/advance?duration=1s')).status).toBe(200);
    },
  );

  it("answers Go's longest duration (2562047h) at once on an idle cluster, the server responsive after it", async () => {
    const s = await serve();
    const res = await send('POST', '/daemonsim/v1/advance?duration=2562047h');
    expect(res.status).toBe(200);
    expect(res.body.now).toBeGreaterThanOrEqual(2_562_047 * 3_600_000);
    expect(await send('GET', '/healthz')).toEqual({ status: 200, body: 'ok' });
    expect(s.simulation.view.allPods()).toHaveLength(3);
  });

  it('moves the clock on a component failure and reports it as a warning, not an error', async () => {
    const s = await serve();
    setGrace(s.simulation, 'agent', 'x');
    const patched = await send(
      'PATCH',
      DS_PATH,
      daemonSet('agent', 'agent:2'),
      'application/merge-patch+json',
    );
    expect(patched.status).toBe(200);
    const res = await send('POST', '/daemonsim/v1/advance?duration=1s');
    expect(res.status).toBe(200);
    expect(res.body.warnings[0]).toMatch(
      /^Observed a panic in daemonset-controller processing DaemonSetSync default\/agent: RangeError: Invalid time value/,
    );
  });

  it('daemonsim advance refuses a negative duration before asking the server', async () => {
    let stderr = '';
    const code = await runCli(['advance', '--server', 'http://127.0.0.1:1', '--', '-5s'], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      stderrIsTTY: false,
      interrupted: () => Promise.resolve(),
    });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/time: duration "-5s" must not be negative/);
  });
});

describe('a component that throws under serve', () => {
  it('answers a merge patch by what it did (200, stored) although the rollout it starts cannot delete a pod', async () => {
    const s = await serve();
    setGrace(s.simulation, 'agent', 'x');
    const pods = s.simulation.view.allPods();
    const res = await send(
      'PATCH',
      DS_PATH,
      { spec: { template: { spec: { containers: [{ name: 'agent', image: 'agent:2' }] } } } },
      'application/merge-patch+json',
    );
    expect(res.status).toBe(200);
    expect(res.body.metadata.generation).toBe(2);
    expect(s.simulation.view.getDaemonSet('default/agent')!.metadata.generation).toBe(2);
    expect(s.simulation.view.allPods()).toEqual(pods);
    const [warning] = await warningsOf('ControllerPanic');
    expect(warning.involvedObject).toMatchObject({ kind: 'DaemonSet', name: 'agent' });
    // Fixed, the retry carries the rollout through.
    setGrace(s.simulation, 'agent', 30);
    await send('POST', '/daemonsim/v1/advance?duration=5m');
    const images = s.simulation.view.allPods().map((p) => p.spec.containers[0]!.image);
    expect(images).toEqual(['agent:2', 'agent:2', 'agent:2']);
  });

  it('answers a Foreground delete with 200 and keeps the finalizer until the garbage collector can finish', async () => {
    const s = await serve();
    setGrace(s.simulation, 'agent', 'x');
    const pods = s.simulation.view.allPods();
    const res = await send('DELETE', DS_PATH, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Foreground',
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(s.simulation.view.allPods()).toEqual(pods);
    expect((await warningsOf('ControllerPanic'))[0].message).toMatch(
      /^Observed a panic in garbage-collector/,
    );
    expect((await send('GET', DS_PATH)).status).toBe(200);
    setGrace(s.simulation, 'agent', 30);
    await send('POST', '/daemonsim/v1/advance?duration=5m');
    expect((await send('GET', DS_PATH)).status).toBe(404);
    expect(s.simulation.view.allPods()).toEqual([]);
  });

  it('answers a Background delete with 200: the DaemonSet is gone and its pods wait, whole, for the garbage collector', async () => {
    const s = await serve();
    setGrace(s.simulation, 'agent', 'x');
    const pods = s.simulation.view.allPods();
    const res = await send('DELETE', DS_PATH, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
    });
    expect(res.status).toBe(200);
    expect((await send('GET', DS_PATH)).status).toBe(404);
    expect(s.simulation.view.allPods()).toEqual(pods);
    const advanced = await send('POST', '/daemonsim/v1/advance?duration=1s');
    expect(advanced.body.warnings[0]).toMatch(/^Observed a panic in garbage-collector/);
    setGrace(s.simulation, 'agent', 30);
    await send('POST', '/daemonsim/v1/advance?duration=20m');
    expect(s.simulation.view.allPods()).toEqual([]);
  });
});

describe('a livelocked DaemonSet under serve', () => {
  it('is set aside: the server keeps answering, records a Warning, and other DaemonSets keep working', async () => {
    const s = await serve({ paused: false, speed: 50, tickMs: 10 });
    const sim = s.simulation;
    // A selector of { app: 1 } (a number) past admission: no pod ever matches it.
    sim.submit({ type: 'ManifestApplied', manifest: daemonSet('bad') });
    const ds = sim.view.getDaemonSet('default/bad')!;
    const labels = { app: 1 as unknown as string };
    store(sim).putDaemonSet({
      ...ds,
      spec: {
        ...ds.spec,
        selector: { matchLabels: labels },
        template: { ...ds.spec.template, metadata: { labels } },
      },
    });
    // A node joining wakes every DaemonSet: the bad one would loop at this instant forever.
    const node = await send('POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-4' },
    });
    expect(node.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const health = await send('GET', '/healthz');
      expect(health).toEqual({ status: 200, body: 'ok' });
      await new Promise((r) => setTimeout(r, 20));
    }
    const [warning] = await warningsOf('Livelock');
    expect(warning.involvedObject).toMatchObject({ kind: 'DaemonSet', name: 'bad' });
    expect(warning.message).toBe(
      'Livelock: daemonset-controller re-queued default/bad 5 times without the clock moving; set aside with backoff',
    );
    const created = await send('POST', '/apis/apps/v1/namespaces/default/daemonsets', daemonSet('other'));
    expect(created.status).toBe(201);
    await send('POST', '/daemonsim/v1/advance?duration=30s');
    const running = (app: string) =>
      sim.view
        .allPods()
        .filter((p) => p.metadata.labels?.app === app && p.status.phase === 'Running')
        .map((p) => p.spec.nodeName)
        .sort();
    expect(running('other')).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(running('agent')).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
  });
});
