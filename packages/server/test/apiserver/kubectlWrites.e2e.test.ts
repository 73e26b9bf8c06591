// Writes and views end to end with the real kubectl 1.32: JSON patch, rollout undo/restart,
// replace, server-side apply, dry runs, forced pod deletes, node annotations, Leases, events -w.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonSet } from '@daemonsim/core';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster } from '../../src/apiserver/index.js';
import type { KubectlCluster } from './kubectlHarness.js';
import { startKubectlCluster } from './kubectlHarness.js';
import { MONITORING_DAEMON_MANIFEST } from '@daemonsim/scenarios';

const FIRST = 'ip-192-168-12-201.us-west-2.compute.internal';

let cluster: KubectlCluster;
let server: ApiServer;
let dir: string;
const kubectl = (...args: string[]): ReturnType<KubectlCluster['kubectl']> => cluster.kubectl(...args);

function proxyImage(): string {
  const ds = server.simulation.view.getDaemonSet('kube-system/kube-proxy') as DaemonSet;
  return ds.spec.template.spec!.containers[0]!.image!;
}

function traceCount(): number {
  return server.simulation.trace.length;
}

beforeAll(async () => {
  cluster = await startKubectlCluster('writes', createDefaultCluster(), { speed: 20 });
  ({ server, dir } = cluster);
});

afterAll(() => cluster?.close());

describe('kubectl writes against daemonsim serve', () => {
  it('patch --type=json on a DaemonSet and a node', async () => {
    const out = await kubectl(
      'patch',
      'ds',
      'kube-proxy',
      '-n',
      'kube-system',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/spec/minReadySeconds","value":3}]',
    );
    expect(out.stdout).toBe('daemonset.apps/kube-proxy patched\n');
    expect(server.simulation.view.getDaemonSet('kube-system/kube-proxy')!.spec.minReadySeconds).toBe(3);
    await kubectl(
      'patch',
      'node',
      FIRST,
      '--type=json',
      '-p',
      '[{"op":"add","path":"/metadata/labels/zone","value":"a"},{"op":"add","path":"/metadata/annotations","value":{"team":"infra"}}]',
    );
    const node = server.simulation.view.getNode(FIRST)!;
    expect(node.metadata.labels?.zone).toBe('a');
    expect(node.metadata.annotations?.team).toBe('infra');
    await expect(
      kubectl(
        'patch',
        'ds',
        'kube-proxy',
        '-n',
        'kube-system',
        '--type=json',
        '-p',
        '[{"op":"remove","path":"/spec/nope"}]',
      ),
    ).rejects.toThrow(/missing/);
  });

  it('annotate a node', async () => {
    expect((await kubectl('annotate', 'node', FIRST, 'owner=alice')).stdout).toBe(
      `node/${FIRST} annotated\n`,
    );
    expect(server.simulation.view.getNode(FIRST)!.metadata.annotations?.owner).toBe('alice');
    await kubectl('annotate', 'node', FIRST, 'owner-');
    expect(server.simulation.view.getNode(FIRST)!.metadata.annotations?.owner).toBeUndefined();
  });

  it('rollout restart sets the restartedAt template annotation; rollout undo goes back a revision', async () => {
    const before = proxyImage();
    await kubectl(
      'set',
      'image',
      'ds/kube-proxy',
      '-n',
      'kube-system',
      `kube-proxy=${before.replace(/:[^:]+$/, ':v9.9.9')}`,
    );
    await kubectl('rollout', 'status', 'ds/kube-proxy', '-n', 'kube-system', '--timeout=25s');
    expect(proxyImage()).toMatch(/:v9\.9\.9$/);
    expect((await kubectl('rollout', 'undo', 'ds/kube-proxy', '-n', 'kube-system')).stdout).toBe(
      'daemonset.apps/kube-proxy rolled back\n',
    );
    expect(proxyImage()).toBe(before);
    await kubectl('rollout', 'status', 'ds/kube-proxy', '-n', 'kube-system', '--timeout=25s');
    expect((await kubectl('rollout', 'restart', 'ds/kube-proxy', '-n', 'kube-system')).stdout).toBe(
      'daemonset.apps/kube-proxy restarted\n',
    );
    const ds = server.simulation.view.getDaemonSet('kube-system/kube-proxy')!;
    expect(ds.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-/);
    const status = await kubectl('rollout', 'status', 'ds/kube-proxy', '-n', 'kube-system', '--timeout=25s');
    expect(status.stdout.trimEnd().split('\n').at(-1)).toBe(
      'daemon set "kube-proxy" successfully rolled out',
    );
    const history = await kubectl('rollout', 'history', 'ds/kube-proxy', '-n', 'kube-system');
    expect(history.stdout).toMatch(/^REVISION\s+CHANGE-CAUSE$/m);
  });

  it('replace -f, apply --server-side, and --dry-run=server that changes nothing', async () => {
    const file = join(dir, 'monitoring.yaml');
    writeFileSync(file, MONITORING_DAEMON_MANIFEST);
    const before = traceCount();
    expect((await kubectl('apply', '-f', file, '--dry-run=server')).stdout).toBe(
      'daemonset.apps/monitoring-daemon created (server dry run)\n',
    );
    expect(server.simulation.view.getDaemonSet('default/monitoring-daemon')).toBeUndefined();
    expect(traceCount()).toBe(before);
    expect((await kubectl('apply', '--server-side', '-f', file)).stdout).toBe(
      'daemonset.apps/monitoring-daemon serverside-applied\n',
    );
    // replace GETs the object for its resourceVersion, then PUTs: let the controller's status
    // writes settle first, or one landing in between is a 409 Conflict, as on a real cluster.
    await kubectl('rollout', 'status', 'ds/monitoring-daemon', '--timeout=25s');
    writeFileSync(
      file,
      MONITORING_DAEMON_MANIFEST.replace('image: monitoring-agent', 'image: monitoring-agent:v3'),
    );
    expect((await kubectl('replace', '-f', file)).stdout).toBe('daemonset.apps/monitoring-daemon replaced\n');
    const ds = server.simulation.view.getDaemonSet('default/monitoring-daemon')!;
    expect(ds.spec.template.spec!.containers[0]!.image).toBe('monitoring-agent:v3');
    expect(ds.metadata.generation).toBe(2);
    const invalid = MONITORING_DAEMON_MANIFEST.replace(
      '      labels:\n        app: monitoring-agent',
      '      labels:\n        app: other',
    );
    expect(invalid).not.toBe(MONITORING_DAEMON_MANIFEST);
    writeFileSync(file, invalid);
    await expect(kubectl('apply', '-f', file, '--dry-run=server')).rejects.toThrow(/invalid/i);
    const dry = await kubectl('delete', 'ds', 'monitoring-daemon', '--dry-run=server');
    expect(dry.stdout).toBe('daemonset.apps "monitoring-daemon" deleted (server dry run)\n');
    expect(server.simulation.view.getDaemonSet('default/monitoring-daemon')).toBeDefined();
  });

  it('describe pod, then delete it with --grace-period=0 --force', async () => {
    const { stdout } = await kubectl(
      'get',
      'pods',
      '-n',
      'kube-system',
      '-l',
      'k8s-app=aws-node',
      '-o',
      'name',
    );
    const pod = stdout.split('\n')[0]!.replace('pod/', '');
    const described = (await kubectl('describe', 'pod', pod, '-n', 'kube-system')).stdout;
    expect(described).toMatch(new RegExp(`^Name:\\s+${pod}$`, 'm'));
    expect(described).toMatch(/^Controlled By:\s+DaemonSet\/aws-node$/m);
    expect(described).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned/);
    const deleted = await kubectl('delete', 'pod', pod, '-n', 'kube-system', '--grace-period=0', '--force');
    expect(deleted.stdout).toBe(`pod "${pod}" force deleted\n`);
    expect(server.simulation.view.getPod(`kube-system/${pod}`)).toBeUndefined();
    const event = server.simulation.trace.find((e) => e.entry === 'event' && e.type === 'PodDeleted');
    expect(event?.entry === 'event' ? event.detail : '').toBe(`kube-system/${pod} gracePeriodSeconds=0`);
  });

  it('get leases -n kube-node-lease and the Lease in describe node', async () => {
    const { stdout } = await kubectl('get', 'leases', '-n', 'kube-node-lease');
    expect(stdout).toMatch(/^NAME\s+HOLDER\s+AGE$/m);
    expect(stdout).toMatch(
      new RegExp(`^${FIRST.replaceAll('.', '\\.')}\\s+${FIRST.replaceAll('.', '\\.')}\\s+\\S+$`, 'm'),
    );
    const described = (await kubectl('describe', 'node', FIRST)).stdout;
    expect(described).toMatch(
      new RegExp(`^Lease:\\s*\\n\\s+HolderIdentity:\\s+${FIRST.replaceAll('.', '\\.')}$`, 'm'),
    );
    expect(described).toMatch(/^\s+RenewTime:\s+\w{3}, \d\d \w{3} \d{4}/m);
  });

  it('get events -w sees new events', async () => {
    const child = cluster.spawnKubectl('get', 'events', '-n', 'kube-system', '-w', '--watch-only');
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      await new Promise((r) => setTimeout(r, 800));
      const { stdout } = await kubectl(
        'get',
        'pods',
        '-n',
        'kube-system',
        '-l',
        'k8s-app=kube-proxy',
        '-o',
        'name',
      );
      await kubectl('delete', stdout.split('\n')[0]!, '-n', 'kube-system', '--wait=false');
      for (let i = 0; i < 200 && !out.includes('SuccessfulCreate'); i++)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      child.kill();
    }
    expect(out).toMatch(/Normal\s+SuccessfulCreate\s+daemonset\/kube-proxy\s+Created pod: kube-proxy-/);
  });
});
