import { describe, expect, it } from 'vitest';
import { applyPatches, createSimulation, diffSnapshots, objectPatches, SECOND } from '../../src/index.js';
import type { Pod } from '../../src/index.js';

const agent = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'a', image: 'agent:1' }] },
    },
  },
};

describe('diffSnapshots', () => {
  it('says what changed between two steps: added, modified with field patches that replay, and deleted objects', () => {
    const sim = createSimulation({ seed: 3 });
    sim.submit({ type: 'ManifestApplied', manifest: agent });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    sim.submit({ type: 'NodeAdded', node: { name: 'n2' } });
    sim.advance(SECOND);
    const before = sim.snapshot();
    sim.advance(10 * SECOND);
    sim.submit({ type: 'NodeRemoved', name: 'n2' });
    sim.submit({ type: 'NodeAdded', node: { name: 'n3' } });
    const after = sim.snapshot();

    const changes = diffSnapshots(before, after);
    const nodes = changes.filter((c) => c.kind === 'Node').map((c) => `${c.type} ${c.key}`);
    expect(nodes).toEqual(['DELETED n2', 'ADDED n3']);
    const pods = changes.filter((c) => c.kind === 'Pod' && c.type === 'MODIFIED');
    expect(pods.length).toBeGreaterThan(0);
    for (const change of pods) {
      const old = before.pods.get(change.key)!;
      expect(applyPatches(old, change.patches)).toEqual(after.pods.get(change.key));
      // Patches name the fields that changed, not the whole object.
      for (const p of change.patches) expect(p.path.length).toBeGreaterThan(0);
    }
    const phase = pods[0]!.patches.find((p) => p.path.join('.') === 'status.phase');
    expect(phase).toEqual({ op: 'replace', path: ['status', 'phase'], value: 'Running' });
    // Both snapshots stay as they were.
    expect(before.nodes.has('n2')).toBe(true);
    expect(after.nodes.has('n2')).toBe(false);
  });

  it('finds nothing between a snapshot and itself, or two snapshots with no write between them', () => {
    const sim = createSimulation();
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    const a = sim.snapshot();
    expect(diffSnapshots(a, a)).toEqual([]);
    expect(diffSnapshots(a, sim.snapshot())).toEqual([]);
  });

  it('gives patches that add and remove fields, deepest first path', () => {
    const old = {
      metadata: { name: 'p', labels: { a: '1' } },
      status: { phase: 'Pending' },
    } as unknown as Pod;
    const next = {
      metadata: { name: 'p', labels: { b: '2' } },
      status: { phase: 'Pending', podIP: '10.0.0.1' },
    } as unknown as Pod;
    const patches = objectPatches(old, next);
    expect(patches).toEqual(
      expect.arrayContaining([
        { op: 'remove', path: ['metadata', 'labels', 'a'] },
        { op: 'add', path: ['metadata', 'labels', 'b'], value: '2' },
        { op: 'add', path: ['status', 'podIP'], value: '10.0.0.1' },
      ]),
    );
    expect(applyPatches(old, patches)).toEqual(next);
  });
});

describe('object freezing under test', () => {
  it('freezes what the simulator stores, so code that mutates what it read throws', () => {
    const sim = createSimulation();
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    const node = sim.view.getNode('n1')!;
    expect(Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen(node.metadata.labels)).toBe(true);
    expect(() => {
      (node.metadata as { name: string }).name = 'other';
    }).toThrow(TypeError);
  });
});
