// End to end with the official JS client, @kubernetes/client-node 1.4.0 (the newest that runs on
// Node 20: 2.x loads an undici that needs Node 22's zstd), loading the kubeconfig `daemonsim
// serve` writes as is: HTTPS with the run's CA and its bearer token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { V1DaemonSet, V1Pod } from '@kubernetes/client-node';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  Log,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONITORING_DAEMON_MANIFEST, parseManifests } from '@daemonsim/scenarios';
import { runCli } from '../../src/cli/index.js';

const MONITORING = parseManifests(MONITORING_DAEMON_MANIFEST)[0] as V1DaemonSet;
const NODES = [
  'ip-192-168-12-201.us-west-2.compute.internal',
  'ip-192-168-47-102.us-west-2.compute.internal',
];

const dir = mkdtempSync(join(tmpdir(), 'daemonsim-client-node-'));
const kubeconfigPath = join(dir, 'kubeconfig');
let stop: () => Promise<number>;
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  let release!: () => void;
  const stopped = new Promise<void>((r) => (release = r));
  let stdout = '';
  let stderr = '';
  const serving = runCli(['serve', '--port', '0', '--speed', '20', '--kubeconfig', kubeconfigPath], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    interrupted: () => stopped,
  });
  for (let i = 0; i < 500 && !stdout.includes('Press Ctrl-C'); i++) {
    if (stderr !== '') throw new Error(stderr);
    await new Promise((r) => setTimeout(r, 20));
  }
  stop = () => {
    release();
    return serving;
  };
  kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
});

afterAll(async () => {
  expect(await stop?.()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

/** The Status a failed call carried: code, reason and message. */
async function statusOf(call: Promise<unknown>): Promise<{ code: number; reason: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body = JSON.parse(String(error.body)) as { reason: string; message: string };
    return { code: error.code, reason: body.reason, message: body.message };
  }
  throw new Error('the call succeeded');
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('@kubernetes/client-node against daemonsim serve', () => {
  it('loads the kubeconfig as written: HTTPS, the run CA, a bearer token', () => {
    const cluster = kc.getCurrentCluster()!;
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(cluster.caData).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(cluster.skipTLSVerify).toBe(false);
    expect(kc.getCurrentUser()!.token).toMatch(/^[\w-]{43}$/);
  });

  it('lists nodes, pods and DaemonSets', async () => {
    expect((await core.listNode()).items.map((n) => n.metadata!.name)).toEqual(NODES);
    const pods = await core.listNamespacedPod({ namespace: 'kube-system' });
    expect(pods.items.map((p) => p.metadata!.name!.replace(/-[a-z0-9]{5}$/, ''))).toEqual([
      'aws-node',
      'aws-node',
      'kube-proxy',
      'kube-proxy',
    ]);
    expect(pods.metadata!.resourceVersion).toMatch(/^\d+$/);
    const daemonSets = await apps.listDaemonSetForAllNamespaces();
    expect(daemonSets.items.map((d) => `${d.metadata!.namespace}/${d.metadata!.name}`)).toEqual([
      'kube-system/aws-node',
      'kube-system/kube-proxy',
    ]);
  });

  it('creates a DaemonSet; a duplicate is 409 AlreadyExists, an invalid one 422 Invalid', async () => {
    const created = await apps.createNamespacedDaemonSet({ namespace: 'default', body: MONITORING });
    expect(created.metadata!.name).toBe('monitoring-daemon');
    expect(created.metadata!.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await statusOf(apps.createNamespacedDaemonSet({ namespace: 'default', body: MONITORING })),
    ).toEqual({
      code: 409,
      reason: 'AlreadyExists',
      message: 'daemonsets.apps "monitoring-daemon" already exists',
    });
    const mismatched: V1DaemonSet = {
      ...MONITORING,
      metadata: { name: 'mismatched' },
      spec: { ...MONITORING.spec!, selector: { matchLabels: { app: 'other' } } },
    };
    const invalid = await statusOf(
      apps.createNamespacedDaemonSet({ namespace: 'default', body: mismatched }),
    );
    expect(invalid).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(invalid.message).toMatch(
      /^DaemonSet\.apps "mismatched" is invalid: spec\.template\.metadata\.labels: /,
    );
    expect((await apps.listNamespacedDaemonSet({ namespace: 'default' })).items).toHaveLength(1);
  });

  it('patches with a merge patch and a JSON patch', async () => {
    const merged = await apps.patchNamespacedDaemonSet(
      { name: 'monitoring-daemon', namespace: 'default', body: { metadata: { labels: { tier: 'node' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merged.metadata!.labels).toMatchObject({ tier: 'node' });
    const image = 'registry.k8s.io/pause:3.10';
    const patched = await apps.patchNamespacedDaemonSet(
      {
        name: 'monitoring-daemon',
        namespace: 'default',
        body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(patched.spec!.template.spec!.containers[0]!.image).toBe(image);
    expect(patched.metadata!.generation).toBe(merged.metadata!.generation! + 1);
    const invalid = await statusOf(
      apps.patchNamespacedDaemonSet(
        { name: 'monitoring-daemon', namespace: 'default', body: [{ op: 'remove', path: '/spec/nothing' }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    );
    expect(invalid.code).toBe(422);
  });

  it('reads a pod log, and with follow keeps the stream open', async () => {
    const pod = (await core.listNamespacedPod({ namespace: 'kube-system' })).items[0]!;
    const read = async (
      follow: boolean,
    ): Promise<{ text: string; ended: () => boolean; stop: () => void }> => {
      let text = '';
      let ended = false;
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          text += chunk.toString();
          done();
        },
      });
      sink.on('finish', () => (ended = true));
      const aborter = await new Log(kc).log(
        'kube-system',
        pod.metadata!.name!,
        pod.spec!.containers[0]!.name,
        sink,
        { follow, timestamps: true },
      );
      await until(() => text.includes('\n'), 'a log line');
      return { text, ended: () => ended, stop: () => aborter.abort() };
    };
    const whole = await read(false);
    await until(whole.ended, 'the end of the log');
    expect(whole.text.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
    const followed = await read(true);
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(followed.ended()).toBe(false);
    } finally {
      followed.stop();
    }
    // Times read on the wall clock, which moved between the two reads (the prefix, and the line's
    // own time, which the server dates on the same clock): compare the lines without them.
    const firstLine = (text: string): string =>
      text
        .split('\n')[0]!
        .replace(/^\S+ /, '')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME');
    expect(firstLine(followed.text)).toBe(firstLine(whole.text));
  });

  it("has an Informer see a DaemonSet's pods ADDED, then DELETED with it", async () => {
    const selector = 'app=informed';
    const informer = makeInformer<V1Pod>(
      kc,
      '/api/v1/namespaces/default/pods',
      () => core.listNamespacedPod({ namespace: 'default', labelSelector: selector }),
      selector,
    );
    const events: [string, string][] = [];
    informer.on('add', (pod) => events.push(['ADDED', pod.metadata!.name!]));
    informer.on('delete', (pod) => events.push(['DELETED', pod.metadata!.name!]));
    await informer.start();
    const count = (type: string): number => events.filter(([t]) => t === type).length;
    try {
      await apps.createNamespacedDaemonSet({
        namespace: 'default',
        body: {
          ...MONITORING,
          metadata: { name: 'informed' },
          spec: {
            ...MONITORING.spec!,
            selector: { matchLabels: { app: 'informed' } },
            template: { ...MONITORING.spec!.template, metadata: { labels: { app: 'informed' } } },
          },
        },
      });
      await until(() => count('ADDED') === NODES.length, 'ADDED events');
      expect(informer.list()).toHaveLength(NODES.length);
      await apps.deleteNamespacedDaemonSet({ name: 'informed', namespace: 'default' });
      await until(() => count('DELETED') === NODES.length, 'DELETED events');
    } finally {
      await informer.stop();
    }
    const added = events.filter(([t]) => t === 'ADDED').map(([, name]) => name);
    for (const name of added) expect(name).toMatch(/^informed-[a-z0-9]{5}$/);
    expect(
      events
        .filter(([t]) => t === 'DELETED')
        .map(([, name]) => name)
        .sort(),
    ).toEqual([...added].sort());
    expect(informer.list()).toEqual([]);
  });
});
