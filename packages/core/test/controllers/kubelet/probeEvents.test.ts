import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImageBehaviours, Simulation } from '../../../src/index.js';
import { createSimulation, MINUTE, SECOND } from '../../../src/index.js';
import { describePod } from '../../../src/kubectl/describePod.js';
import { agentDaemonSet, deleteAgentDaemonSet, runningOnOneNode } from './agentDaemonSet.js';

const agent = (probe: Record<string, unknown>, ports: unknown[] = []): Record<string, unknown> =>
  agentDaemonSet({ ports, readinessProbe: probe });

const httpProbe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 };

function running(probe: Record<string, unknown>, images: ImageBehaviours, ports: unknown[] = []): Simulation {
  return runningOnOneNode(agent(probe, ports), images);
}

function unhealthy(sim: Simulation) {
  return [...sim.view.events()].filter((e) => e.reason === 'Unhealthy');
}

describe("the kubelet's failing readiness probe", () => {
  it('records Warning Unhealthy "Readiness probe failed: ..." on the container, once a period while it runs', () => {
    const sim = running(httpProbe, { 'example.com/agent:1.0': { ready: false } });
    const pod = sim.view.allPods()[0]!;
    const started = Date.parse(pod.status.containerStatuses![0]!.state!.running!.startedAt!);
    sim.advance(MINUTE);
    const [event, ...others] = unhealthy(sim);
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      source: { component: 'kubelet' },
      involvedObject: { kind: 'Pod', name: pod.metadata.name, fieldPath: 'spec.containers{agent}' },
    });
    const first = Date.parse(event!.firstTimestamp!);
    const last = Date.parse(event!.lastTimestamp!);
    expect(first).toBeGreaterThanOrEqual(started);
    expect(first - started).toBeLessThan(5 * SECOND);
    expect(last - first).toBe((event!.count! - 1) * 5 * SECOND);
    expect(event!.count).toBeGreaterThanOrEqual(12);
    expect(sim.view.allPods()[0]!.status.containerStatuses![0]!.ready).toBe(false);
  });

  it("answers as the probe handler fails: a refused TCP dial on the named port, or the image behaviour's output", () => {
    const tcp = running({ tcpSocket: { port: 'health' } }, { 'example.com/agent:1.0': { ready: false } }, [
      { name: 'health', containerPort: 9102 },
    ]);
    tcp.advance(MINUTE);
    const ip = tcp.view.allPods()[0]!.status.podIP!;
    expect(unhealthy(tcp)[0]?.message).toBe(
      `Readiness probe failed: dial tcp ${ip}:9102: connect: connection refused`,
    );
    const exec = running(
      { exec: { command: ['cat', '/tmp/ready'] } },
      {
        'example.com/agent:1.0': {
          ready: false,
          probeOutput: "cat: can't open '/tmp/ready': No such file or directory",
        },
      },
    );
    exec.advance(MINUTE);
    expect(unhealthy(exec)[0]?.message).toBe(
      "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory",
    );
  });

  it('waits out initialDelaySeconds before the first failure', () => {
    const sim = running(
      { ...httpProbe, initialDelaySeconds: 30 },
      { 'example.com/agent:1.0': { ready: false } },
    );
    const started = Date.parse(
      sim.view.allPods()[0]!.status.containerStatuses![0]!.state!.running!.startedAt!,
    );
    sim.advance(MINUTE);
    const first = Date.parse(unhealthy(sim)[0]!.firstTimestamp!);
    expect(first - started).toBeGreaterThanOrEqual(30 * SECOND);
    expect(first - started).toBeLessThan(35 * SECOND);
  });

  it('records nothing for a container that turns ready, or one without a readiness probe', () => {
    expect(unhealthy(running(httpProbe, {}))).toEqual([]);
    const sim = createSimulation({ seed: 7, images: { 'example.com/agent:1.0': { ready: false } } });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    const manifest = agent(httpProbe) as {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    delete manifest.spec.template.spec.containers[0]!['readinessProbe'];
    sim.submit({ type: 'ManifestApplied', manifest });
    sim.advance(MINUTE);
    expect(unhealthy(sim)).toEqual([]);
  });

  it('stops when the pod is deleted, and the cluster still runs until quiet', () => {
    const sim = running(httpProbe, { 'example.com/agent:1.0': { ready: false } });
    expect(() => sim.runUntilQuiet()).not.toThrow();
    deleteAgentDaemonSet(sim);
    sim.advance(MINUTE);
    const count = unhealthy(sim)[0]?.count;
    sim.advance(MINUTE);
    expect(unhealthy(sim)[0]?.count).toBe(count);
  });

  // What kubectl describe pod shows, committed; a change must be read and accepted (UPDATE_GOLDEN=1).
  it('shows in kubectl describe pod as Warning Unhealthy with its count, as a real cluster does', () => {
    const sim = running(httpProbe, { 'example.com/agent:1.0': { ready: false } });
    sim.advance(2 * MINUTE);
    const pod = sim.view.allPods()[0]!;
    const text = describePod(pod, sim.view.events(), sim.now);
    expect(text).toMatch(
      /Warning {2}Unhealthy {2}\d+s \(x\d+ over \d+s\) {2}kubelet +Readiness probe failed: HTTP probe failed with statuscode: 503\n/,
    );
    const golden = new URL('./__golden__/unhealthy-readiness.describe.txt', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
