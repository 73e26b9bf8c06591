// daemonsim serve --established: a cluster that has run for days, as the real kubectl 1.32 lists it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { kubectlSandbox } from './kubectlSandbox.js';

const { dir, io, kubectl, serve } = kubectlSandbox('daemonsim-established-');

// An agent whose container exits every 1000h (about 41.7 days): three restarts in 140 days.
const scenario = `name: old-agents
seed: 3
options:
  images:
    example.com/agent:1.0: { crashAfter: 1000h }
steps:
  - kind: addNodes
    count: 2
  - kind: apply
    manifests:
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent, namespace: default }
      spec:
        selector: { matchLabels: { app: agent } }
        template:
          metadata: { labels: { app: agent } }
          spec: { containers: [{ name: agent, image: example.com/agent:1.0 }] }
`;

describe('daemonsim serve --established', () => {
  it('serves nodes and pods 140 days old, their restarts with how long ago the last one was', async () => {
    const file = join(dir, 'old-agents.yaml');
    writeFileSync(file, scenario);
    const served = await serve(file, '--established', '140d');
    try {
      const nodes = (await kubectl('get', 'nodes', '--no-headers')).trim().split('\n');
      expect(nodes).toHaveLength(2);
      for (const row of nodes) expect(row.split(/\s+/)[3]).toBe('140d');
      const pods = (await kubectl('get', 'pods', '--no-headers')).trim().split('\n');
      expect(pods).toHaveLength(2);
      for (const row of pods) {
        // NAME READY STATUS RESTARTS (AGO ago) AGE
        expect(row).toMatch(/^agent-[a-z0-9]{5}\s+1\/1\s+Running\s+3 \(1[0-9]d ago\)\s+140d$/);
      }
      // A live cluster's nodes: the kubelet reported minutes ago; the conditions turned 140 days ago.
      const list = JSON.parse(await kubectl('get', 'nodes', '-o', 'json')) as {
        items: {
          status: { conditions: { type: string; lastHeartbeatTime: string; lastTransitionTime: string }[] };
        }[];
      };
      const now = Date.now();
      for (const node of list.items) {
        expect(node.status.conditions.map((c) => c.type).sort()).toEqual([
          'DiskPressure',
          'MemoryPressure',
          'PIDPressure',
          'Ready',
        ]);
        for (const c of node.status.conditions) {
          expect(now - Date.parse(c.lastHeartbeatTime)).toBeLessThan(5 * 60_000 + 60_000);
          expect(now - Date.parse(c.lastHeartbeatTime)).toBeGreaterThan(-60_000);
          expect((now - Date.parse(c.lastTransitionTime)) / 86_400_000).toBeCloseTo(140, 0);
        }
      }
      const described = await kubectl('describe', 'node');
      const ready = described.split('\n').filter((l) => /^\s+Ready\s+True\s/.test(l));
      expect(ready).toHaveLength(2);
      for (const row of ready) {
        // Type, Status, LastHeartbeatTime, LastTransitionTime, ... in RFC 1123 with a numeric zone.
        const [, , , heartbeat, transition] = row.split(/\s{2,}/);
        expect(heartbeat).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000$/);
        expect(Date.now() - Date.parse(heartbeat!)).toBeLessThan(5 * 60_000 + 60_000);
        expect((Date.now() - Date.parse(transition!)) / 86_400_000).toBeCloseTo(140, 0);
      }
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('refuses an age that is not one and --established with --state, saying what to give', async () => {
    const bad = { stdout: '', stderr: '' };
    expect(await runCli(['serve', '--established', 'banana'], io(bad, Promise.resolve()))).toBe(2);
    expect(bad.stderr).toMatch(/--established <age>.*time: invalid duration "banana"/);
    const both = { stdout: '', stderr: '' };
    expect(
      await runCli(
        ['serve', '--established', '2d', '--state', join(dir, 'x.json')],
        io(both, Promise.resolve()),
      ),
    ).not.toBe(0);
    expect(both.stderr).toContain('give --established or --state, not both');
  });
});
