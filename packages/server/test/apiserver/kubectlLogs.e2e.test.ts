// kubectl logs (with --previous, --tail, --timestamps, -c, -f) end to end with the real kubectl 1.32.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, SECOND } from '@daemonsim/core';
import type { ApiServer } from '../../src/apiserver/index.js';
import type { KubectlCluster } from './kubectlHarness.js';
import { startKubectlCluster } from './kubectlHarness.js';

let cluster: KubectlCluster;
let server: ApiServer;
let dir: string;
const kubectl = (...args: string[]): ReturnType<KubectlCluster['kubectl']> => cluster.kubectl(...args);

const POD = (name: string, containers: readonly { name: string; image: string }[]): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers } });

beforeAll(async () => {
  const simulation = createSimulation({
    seed: 7,
    images: {
      crasher: {
        crashAfter: 10 * SECOND,
        logs: [
          { after: 100, text: 'crasher starting' },
          { after: 9000, text: 'crasher about to fail' },
        ],
      },
    },
  });
  simulation.submit({ type: 'NodeAdded', node: { name: 'node-a' } });
  cluster = await startKubectlCluster('logs', simulation, { paused: true, wallClockTimestamps: false });
  ({ server, dir } = cluster);
  for (const [file, body] of [
    ['proxy.json', POD('proxy', [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' }])],
    ['crasher.json', POD('crasher', [{ name: 'main', image: 'crasher' }])],
    [
      'two.json',
      POD('two', [
        { name: 'proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' },
        { name: 'cni', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0' },
      ]),
    ],
  ] as const) {
    writeFileSync(join(dir, file), body);
    await kubectl('apply', '-f', join(dir, file));
  }
  server.advance(5 * SECOND);
});

afterAll(() => cluster?.close());

describe('kubectl logs against daemonsim serve', () => {
  it('prints the container program lines, with --tail and --timestamps', async () => {
    const all = (await kubectl('logs', 'proxy')).stdout;
    expect(all).toContain('"Detected node IP" address="10.0.0.2"');
    expect(all.trimEnd().split('\n')).toHaveLength(15);
    const tail = (await kubectl('logs', 'proxy', '--tail=2')).stdout.trimEnd().split('\n');
    expect(tail).toHaveLength(2);
    expect(tail[1]).toContain('Caches are synced for endpoint slice config');
    const stamped = (await kubectl('logs', 'proxy', '--tail=1', '--timestamps')).stdout;
    expect(stamped).toMatch(/^2026-01-01T00:00:\d\d\.\d{9}Z I0101 /);
  });

  it('-c picks a container; without it a multi-container pod defaults to the first, as kubectl does', async () => {
    const cni = (await kubectl('logs', 'two', '-c', 'cni')).stdout;
    expect(cni).toContain('"msg":"Validating env variables ..."');
    const byDefault = await kubectl('logs', 'two');
    expect(byDefault.stdout).toContain('"Using iptables proxy"');
    await expect(kubectl('logs', 'two', '-c', 'nope')).rejects.toThrow(
      'container nope is not valid for pod two',
    );
  });

  it('--previous shows the exited instance after a restart, and fails before one', async () => {
    await expect(kubectl('logs', 'crasher', '--previous')).rejects.toThrow(
      'previous terminated container "main" in pod "crasher" not found',
    );
    server.advance(15 * SECOND);
    const previous = (await kubectl('logs', 'crasher', '--previous')).stdout;
    expect(previous).toBe('crasher starting\ncrasher about to fail\n');
  });

  it('-f streams new lines as the virtual clock advances and ends when the pod goes', async () => {
    const file = join(dir, 'cni.json');
    writeFileSync(
      file,
      POD('cni', [
        { name: 'aws-node', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0' },
      ]),
    );
    await kubectl('apply', '-f', file);
    for (let i = 0; i < 20; i++) {
      const pod = server.simulation.view.getPod('default/cni');
      if (pod?.status.containerStatuses?.[0]?.state?.running !== undefined) break;
      server.advance(200);
    }
    const child = cluster.spawnKubectl('logs', '-f', 'cni');
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (pred: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
    };
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(out).not.toContain('Foregrounding IPAM daemon');
      server.advance(5 * SECOND);
      await waitFor(() => out.includes('Foregrounding IPAM daemon'));
      expect(out).toContain('Foregrounding IPAM daemon');
      await kubectl('delete', 'pod', 'cni', '--grace-period=0', '--force');
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
    expect(out.trimEnd().split('\n')).toHaveLength(8);
  }, 20_000);
});
