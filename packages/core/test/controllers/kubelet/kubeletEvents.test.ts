import { describe, expect, it } from 'vitest';
import type { KubeEvent, Simulation } from '../../../src/index.js';
import {
  createSimulation,
  goDurationString,
  HOUR,
  KUBERNETES_VERSION,
  MINUTE,
  SECOND,
} from '../../../src/index.js';

const ds = (name: string, image: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image, ...extra }] },
    },
  },
});

function started(seed = 1, images = {}): Simulation {
  const sim = createSimulation({ seed, images });
  sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
  sim.submit({ type: 'ManifestApplied', manifest: ds('agent', 'example.com/agent:1.0') });
  sim.runUntilQuiet();
  return sim;
}

function kubeletEvents(sim: Simulation, podName: string): string[] {
  return [...sim.view.events()]
    .filter((e) => e.involvedObject.name === podName && e.source?.component === 'kubelet')
    .map((e) => `${e.reason} x${e.count}: ${e.message}`);
}

describe("the kubelet's container events", () => {
  it('pulls, creates and starts a container in kubelet 1.32 words, after the Scheduled event', () => {
    const sim = started();
    const pod = sim.view.allPods()[0]!;
    const events = [...sim.view.events()].filter((e) => e.involvedObject.name === pod.metadata.name);
    expect(events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(events[1]!.message).toBe('Pulling image "example.com/agent:1.0"');
    expect(events[2]!.message).toMatch(
      /^Successfully pulled image "example\.com\/agent:1\.0" in [0-9.]+m?s \([0-9.]+m?s including waiting\)\. Image size: \d+ bytes\.$/,
    );
    expect(events[3]!.message).toBe('Created container: agent');
    expect(events[4]!.message).toBe('Started container agent');
    expect(events[4]).toMatchObject({
      type: 'Normal',
      source: { component: 'kubelet', host: 'n1' },
      reportingInstance: 'n1',
      involvedObject: { kind: 'Pod', name: pod.metadata.name, fieldPath: 'spec.containers{agent}' },
    });
  });

  it('says the image is already present when another pod on the node runs it (IfNotPresent)', () => {
    const sim = started();
    sim.submit({ type: 'ManifestApplied', manifest: ds('again', 'example.com/agent:1.0') });
    sim.runUntilQuiet();
    const pod = sim.view.allPods().find((p) => p.metadata.name.startsWith('again-'))!;
    expect(kubeletEvents(sim, pod.metadata.name)).toEqual([
      'Pulled x1: Container image "example.com/agent:1.0" already present on machine',
      'Created x1: Created container: again',
      'Started x1: Started container again',
    ]);
  });

  it('pulls again for imagePullPolicy Always even when the image is present', () => {
    const sim = started();
    sim.submit({
      type: 'ManifestApplied',
      manifest: ds('always', 'example.com/agent:1.0', { imagePullPolicy: 'Always' }),
    });
    sim.runUntilQuiet();
    const pod = sim.view.allPods().find((p) => p.metadata.name.startsWith('always-'))!;
    expect(kubeletEvents(sim, pod.metadata.name).map((e) => e.split(':')[0])).toEqual([
      'Pulling x1',
      'Pulled x1',
      'Created x1',
      'Started x1',
    ]);
  });

  it('records Killing for each running container when the pod is deleted', () => {
    const sim = started();
    const pod = sim.view.allPods()[0]!;
    sim.submit({ type: 'PodDeleted', namespace: 'default', name: pod.metadata.name });
    expect(kubeletEvents(sim, pod.metadata.name).at(-1)).toBe('Killing x1: Stopping container agent');
  });

  it('counts the Created and Started of each restart of a crashing container on one event', () => {
    const sim = started(4, { 'example.com/agent:1.0': { crashAfter: 5 * SECOND } });
    sim.advance(40 * SECOND);
    const pod = sim.view.allPods()[0]!;
    const restarts = pod.status.containerStatuses![0]!.restartCount;
    expect(restarts).toBeGreaterThanOrEqual(2);
    const events = kubeletEvents(sim, pod.metadata.name);
    expect(events).toContain(`Started x${restarts + 1}: Started container agent`);
    expect(events).toContain(
      `Pulled x${restarts}: Container image "example.com/agent:1.0" already present on machine`,
    );
  });

  it('gives running containers a seeded containerd ID, new on each restart, and the image digest', () => {
    const one = started(1).view.allPods()[0]!.status.containerStatuses![0]!;
    const again = started(1).view.allPods()[0]!.status.containerStatuses![0]!;
    const other = started(2).view.allPods()[0]!.status.containerStatuses![0]!;
    expect(one.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(again.containerID).toBe(one.containerID);
    expect(other.containerID).not.toBe(one.containerID);
    expect(one.imageID).toMatch(/^example\.com\/agent@sha256:[0-9a-f]{64}$/);
    expect(other.imageID).toBe(one.imageID);
    const crashing = started(4, { 'example.com/agent:1.0': { crashAfter: 5 * SECOND } });
    const first = crashing.view.allPods()[0]!.status.containerStatuses![0]!.containerID;
    crashing.advance(20 * SECOND);
    const status = crashing.view.allPods()[0]!.status.containerStatuses![0]!;
    expect(status.restartCount).toBeGreaterThan(0);
    expect(status.containerID).not.toBe(first);
    expect(status.lastState?.terminated?.containerID).toMatch(/^containerd:\/\//);
  });

  it('reads the same event objects from a snapshot by key and by iteration', () => {
    const sim = started();
    const events = sim.snapshot().events;
    const listed = [...events.values()];
    const kubelet = listed.filter((e: KubeEvent) => e.source?.component === 'kubelet');
    expect(kubelet).toHaveLength(4);
    expect(events.size).toBe(listed.length);
    for (const e of kubelet) expect(events.get(`default/${e.metadata.name}`)).toBe(e);
    expect(events.get('default/no-such-pod.123')).toBeUndefined();
    expect(new Set(listed.map((e) => e.metadata.uid)).size).toBe(listed.length);
  });

  it('drops kubelet events an hour after they were last seen, as the API server event TTL does', () => {
    const sim = started();
    const pod = sim.view.allPods()[0]!;
    sim.advance(50 * MINUTE);
    expect(kubeletEvents(sim, pod.metadata.name)).toHaveLength(4);
    sim.advance(HOUR);
    expect(kubeletEvents(sim, pod.metadata.name)).toHaveLength(0);
  });

  it('reports one Kubernetes version on every node', () => {
    const sim = started();
    expect(sim.view.getNode('n1')!.status.nodeInfo?.kubeletVersion).toBe(KUBERNETES_VERSION);
    expect(KUBERNETES_VERSION).toBe('v1.32.0');
  });

  it("formats pull durations as Go's time.Duration prints them", () => {
    expect([0, 512, 1000, 1200, 1057, 61_500, 3_600_250].map(goDurationString)).toEqual([
      '0s',
      '512ms',
      '1s',
      '1.2s',
      '1.057s',
      '1m1.5s',
      '1h0m0.25s',
    ]);
  });
});
