import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  CRASH_LOOP_INITIAL_BACKOFF,
  CRASH_LOOP_MAX_BACKOFF,
  MINUTE,
  nextBackOff,
  restartAt,
  SECOND,
  summarizePodForTest,
} from './helpers.js';

const ds = (image: string): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } },
  },
});

describe('the kubelet model', () => {
  it('crash-loop delays follow 10s·2^n capped at 5m (the first restart at once)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 * MINUTE }), { minLength: 1, maxLength: 20 }),
        (runs) => {
          let entry: ReturnType<typeof nextBackOff> | undefined;
          let t = 0;
          runs.forEach((run, n) => {
            const finished = t + Math.min(run, 5 * SECOND);
            const at = restartAt(entry, finished);
            const expected =
              n === 0 ? 0 : Math.min(CRASH_LOOP_INITIAL_BACKOFF * 2 ** (n - 1), CRASH_LOOP_MAX_BACKOFF);
            expect(at - finished).toBe(expected);
            entry = nextBackOff(entry, finished, at);
            t = at;
          });
        },
      ),
    );
  });

  it('resets the backoff after a container ran for more than 10 minutes', () => {
    const e = nextBackOff(nextBackOff(undefined, 0, 0), 5000, 5000);
    expect(e.backoff).toBe(20 * SECOND);
    expect(restartAt(e, 5000 + 11 * MINUTE)).toBe(5000 + 11 * MINUTE);
    expect(nextBackOff(e, 5000 + 11 * MINUTE, 5000 + 11 * MINUTE).backoff).toBe(CRASH_LOOP_INITIAL_BACKOFF);
  });

  it('shows CrashLoopBackOff, restart counts and lastState, and serves --previous logs', () => {
    const sim = createSimulation({
      seed: 4,
      images: { 'example.com/agent:bad': { crashAfter: 5 * SECOND, exitCode: 2 } },
    });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    sim.submit({ type: 'ManifestApplied', manifest: ds('example.com/agent:bad') });
    sim.advance(30 * SECOND);
    const pod = sim.view.allPods()[0]!;
    const cs = pod.status.containerStatuses![0]!;
    expect(cs.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.restartCount).toBe(2);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(summarizePodForTest(pod, sim.now).status).toBe('CrashLoopBackOff');
    expect(sim.logs(`default/${pod.metadata.name}`, undefined, { previous: true })).toContain(
      'agent started',
    );
  });

  it('an image that never gets ready runs but never becomes Ready; an image that cannot be pulled shows ImagePullBackOff', () => {
    const sim = createSimulation({
      seed: 5,
      images: { 'a:never': { ready: false }, 'a:broken': { pull: 'fail' } },
    });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1' } });
    sim.submit({ type: 'ManifestApplied', manifest: ds('a:never') });
    sim.advance(MINUTE);
    const p = sim.view.allPods()[0]!;
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    sim.submit({
      type: 'ManifestApplied',
      manifest: {
        ...ds('a:broken'),
        metadata: { name: 'broken', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'b' } },
          template: {
            metadata: { labels: { app: 'b' } },
            spec: { containers: [{ name: 'b', image: 'a:broken' }] },
          },
        },
      },
    });
    sim.advance(30 * SECOND);
    const b = sim.view.allPods().find((x) => x.metadata.name.startsWith('broken'))!;
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(
      b.status.containerStatuses![0]!.state?.waiting?.reason,
    );
    expect(() => sim.logs(`default/${b.metadata.name}`)).toThrow(/is waiting to start/);
  });

  it("writes kube-proxy's start-up lines with the node's IP, timestamps and --tail", () => {
    const sim = createSimulation({ seed: 6 });
    sim.submit({ type: 'NodeAdded', node: { name: 'ip-192-168-12-201.us-west-2.compute.internal' } });
    sim.submit({
      type: 'ManifestApplied',
      manifest: ds('602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.32.0-minimal-eksbuild.2'),
    });
    sim.advance(MINUTE);
    const key = `default/${sim.view.allPods()[0]!.metadata.name}`;
    const logs = sim.logs(key);
    expect(logs).toMatch(/^I0101 00:00:\d\d\.\d{6} {7}1 server_linux\.go:66\] "Using iptables proxy"$/m);
    expect(logs).toContain('"Detected node IP" address="192.168.12.201"');
    expect(logs).toContain('"Using iptables Proxier"');
    expect(logs).toContain('Caches are synced for endpoint slice config');
    expect(sim.logs(key, 'agent', { tail: 1, timestamps: true })).toMatch(
      /^2026-01-01T00:00:\d\d\.\d{9}Z I0101 .*Caches are synced for endpoint slice config\n$/,
    );
    expect(() => sim.logs(key, undefined, { previous: true })).toThrow(
      /previous terminated container "agent"/,
    );
  });

  it("rejects at admission a pod bound past the node's capacity (OutOfcpu), and a failOnNode image", () => {
    const sim = createSimulation({ seed: 7, images: { 'x:fail': { failOnNode: true } } });
    sim.submit({ type: 'NodeAdded', node: { name: 'n1', capacity: { cpu: '1' } } });
    const bound = (name: string, cpu: string, image = 'x:1') => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image, resources: { requests: { cpu } } }] },
    });
    sim.submit({ type: 'ManifestApplied', manifest: bound('a', '800m') });
    sim.advance(10 * SECOND);
    sim.submit({ type: 'ManifestApplied', manifest: bound('b', '500m') });
    sim.submit({ type: 'ManifestApplied', manifest: bound('c', '0', 'x:fail') });
    sim.advance(10 * SECOND);
    expect(sim.view.getPod('default/b')?.status).toMatchObject({
      phase: 'Failed',
      reason: 'OutOfcpu',
      message:
        "Pod was rejected: Node didn't have enough resource: cpu, requested: 500, used: 800, capacity: 1000",
    });
    expect(sim.view.getPod('default/c')?.status).toMatchObject({
      phase: 'Failed',
      reason: 'UnexpectedAdmissionError',
    });
  });
});
