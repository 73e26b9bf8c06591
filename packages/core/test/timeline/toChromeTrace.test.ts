import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTargetNodeName } from '../../src/model/nodeAffinity.js';
import { SECOND } from '../../src/model/time.js';
import { createSimulation } from '../../src/sim/simulation.js';
import type { ChromeTraceEvent } from '../../src/timeline/toChromeTrace.js';
import { toChromeTrace } from '../../src/timeline/toChromeTrace.js';
import { TraceTimeline } from '../../src/timeline/traceTimeline.js';

const agent = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'agent', image: 'agent:1.0' }] },
    },
  },
};

// Two nodes get the agent, a third joins, the second leaves and PodGC collects its pod.
function run() {
  const sim = createSimulation({ seed: 11 });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-2' } });
  sim.submit({ type: 'ManifestApplied', manifest: agent });
  sim.runUntilQuiet();
  sim.submit({ type: 'NodeAdded', node: { name: 'node-3' } });
  sim.advance(30 * SECOND);
  sim.submit({ type: 'NodeRemoved', name: 'node-2' });
  sim.advance(60 * SECOND);
  return sim;
}

describe('toChromeTrace', () => {
  // The export is what Perfetto opens; a change in it must be read and accepted (UPDATE_GOLDEN=1).
  it('exports the committed trace-event JSON for a node joining and leaving', () => {
    const json = `${JSON.stringify(toChromeTrace(run().trace), null, 1)}\n`;
    const golden = new URL('./__golden__/node-join-leave.chrome-trace.json', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, json);
    expect(json).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives one process per node and nests every pod phase inside its pod slice', () => {
    const { traceEvents } = toChromeTrace(run().trace);
    const processes = traceEvents.filter((e) => e.name === 'process_name').map((e) => e.args?.name);
    expect(processes).toEqual(['simulator', 'node-1', 'node-2', 'node-3']);
    const slices = traceEvents.filter(
      (e): e is ChromeTraceEvent & { ts: number; dur: number } => e.ph === 'X',
    );
    for (const pod of slices.filter((e) => e.cat === 'pod')) {
      const phases = slices.filter((e) => e.cat === 'phase' && e.pid === pod.pid && e.tid === pod.tid);
      expect(phases.length).toBeGreaterThan(0);
      let at = pod.ts;
      for (const p of phases) {
        expect(p.ts).toBe(at);
        expect(p.dur).toBeGreaterThanOrEqual(0);
        at = p.ts + p.dur;
      }
      expect(at).toBe(pod.ts + pod.dur);
    }
  });

  it('ends the counter track at the DaemonSet status the simulation holds', () => {
    const sim = run();
    const counters = toChromeTrace(sim.trace).traceEvents.filter((e) => e.ph === 'C');
    const status = sim.view.getDaemonSet('kube-system/agent')!.status;
    expect(counters.at(-1)?.args).toEqual({
      desired: status.desiredNumberScheduled,
      current: status.currentNumberScheduled,
      ready: status.numberReady,
      'up-to-date': status.updatedNumberScheduled,
      available: status.numberAvailable,
    });
  });
});

describe('TraceTimeline', () => {
  it('holds the pods a snapshot holds, on the same nodes, at every step', () => {
    const sim = createSimulation({ seed: 3 });
    const timeline = new TraceTimeline();
    let read = 0;
    const check = () => {
      const trace = sim.trace;
      timeline.append(trace.slice(read));
      read = trace.length;
      const snapshot = sim.snapshot();
      const alive = timeline.podsAt(sim.now).filter((p) => p.deletedAt === undefined);
      expect(alive.map((p) => [p.key, p.node]).sort()).toEqual(
        [...snapshot.pods.values()]
          .map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, getTargetNodeName(p)])
          .sort(),
      );
      for (const pod of alive) {
        const stored = snapshot.pods.get(pod.key)!;
        const phase = TraceTimeline.phaseAt(pod, sim.now);
        if (stored.metadata.deletionTimestamp !== undefined) expect(phase).toBe('Terminating');
        else if (stored.status.phase === 'Running')
          expect(phase).toBe(
            stored.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
              ? 'Ready'
              : 'Running',
          );
      }
    };
    sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
    sim.submit({ type: 'NodeAdded', node: { name: 'node-2' } });
    sim.submit({ type: 'ManifestApplied', manifest: agent });
    while (sim.now < 30 * SECOND && sim.step()) check();
    sim.submit({ type: 'NodeRemoved', name: 'node-1' });
    while (sim.now < 120 * SECOND && sim.step()) check();
    expect(timeline.pods.length).toBeGreaterThanOrEqual(2);
  });
});
