import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  describeDaemonSet,
  describeNode,
  describePod,
  printTable,
  daemonSetTable,
  podTable,
} from '@daemonsim/core';
import { eksWalkthrough, runScenario } from '../../src/index.js';

// Golden `get`, `describe` and `logs` views of the EKS walkthrough at its five-minute mark (two
// nodes, kube-proxy and aws-node Ready): what a student following the tutorial sees.
const golden = fileURLToPath(new URL('./__golden__/eks-views.txt', import.meta.url));

function views(): string {
  const steps = eksWalkthrough.steps.slice(
    0,
    eksWalkthrough.steps.findIndex((s) => s.kind === 'advance') + 1,
  );
  const { simulation: sim } = runScenario({ ...eksWalkthrough, steps });
  const snap = sim.snapshot();
  const byKey = <T>(m: ReadonlyMap<string, T>): T[] => [...m.keys()].sort().map((k) => m.get(k)!);
  const pods = byKey(snap.pods);
  const events = byKey(snap.events);
  const proxy = pods.find((p) => p.metadata.name.startsWith('kube-proxy-'))!;
  const node = byKey(snap.nodes)[0]!;
  const sections: [string, string][] = [
    ['kubectl get ds -n kube-system', printTable(daemonSetTable(byKey(snap.daemonSets), sim.now))],
    ['kubectl get pods -n kube-system -o wide', printTable(podTable(pods, sim.now), { wide: true })],
    [
      'kubectl describe ds aws-node -n kube-system',
      describeDaemonSet(snap.daemonSets.get('kube-system/aws-node')!, pods, events, sim.now),
    ],
    [`kubectl describe pod ${proxy.metadata.name} -n kube-system`, describePod(proxy, events, sim.now)],
    [
      `kubectl describe node ${node.metadata.name}`,
      describeNode(
        node,
        pods.filter((p) => p.spec.nodeName === node.metadata.name),
        events,
        sim.now,
        { lease: null },
      ),
    ],
    [`kubectl logs -n kube-system ${proxy.metadata.name}`, sim.logs(`kube-system/${proxy.metadata.name}`)],
  ];
  return sections.map(([command, out]) => `$ ${command}\n${out}${out.endsWith('\n') ? '' : '\n'}`).join('\n');
}

describe('kubectl views of the EKS walkthrough', () => {
  it('get, describe and logs print exactly the committed text, identical on every run', () => {
    const text = views();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
    expect(views()).toBe(text);
  });
});
