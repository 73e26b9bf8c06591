import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImageBehaviour, KubeEvent, Pod, Simulation } from '../../../src/index.js';
import { MINUTE, SECOND, SIM_EPOCH_MS } from '../../../src/index.js';
import { describePod } from '../../../src/kubectl/describePod.js';
import {
  AGENT_IMAGE,
  agentDaemonSet,
  agentPodSpec,
  deleteAgentDaemonSet,
  runningOnOneNode,
} from './agentDaemonSet.js';

const liveness = { livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 } };

function running(
  probes: Record<string, unknown>,
  behaviour: ImageBehaviour,
  manifest = agentDaemonSet(probes),
): Simulation {
  return runningOnOneNode(manifest, { [AGENT_IMAGE]: behaviour });
}

const pod = (sim: Simulation): Pod => sim.view.allPods()[0]!;
const agent = (sim: Simulation) => pod(sim).status.containerStatuses![0]!;
const byReason = (sim: Simulation, reason: string): KubeEvent[] =>
  [...sim.view.events()].filter((e) => e.reason === reason);
const startedAt = (sim: Simulation): number => Date.parse(agent(sim).state!.running!.startedAt!);

/** Steps the cluster a second at a time and notes each change of the container's restart count or state. */
function timeline(sim: Simulation, duration: number): { at: number; restarts: number; state: string }[] {
  const seen: { at: number; restarts: number; state: string }[] = [];
  const end = sim.now + duration;
  while (sim.now < end) {
    sim.advance(SECOND);
    const s = agent(sim);
    const state = Object.keys(s.state ?? {})[0] ?? '';
    const last = seen.at(-1);
    if (last === undefined || last.restarts !== s.restartCount || last.state !== state)
      seen.push({ at: sim.now, restarts: s.restartCount, state });
  }
  return seen;
}

describe("the kubelet's failing liveness probe", () => {
  it('records Warning Unhealthy "Liveness probe failed: ..." every period until failureThreshold, then Killing and a restart', () => {
    const sim = running(liveness, { live: false });
    const started = startedAt(sim);
    sim.advance(35 * SECOND);
    const [unhealthy, ...others] = byReason(sim, 'Unhealthy');
    expect(others).toEqual([]);
    expect(unhealthy).toMatchObject({
      type: 'Warning',
      message: 'Liveness probe failed: HTTP probe failed with statuscode: 503',
      count: 3,
      source: { component: 'kubelet' },
      involvedObject: { kind: 'Pod', name: pod(sim).metadata.name, fieldPath: 'spec.containers{agent}' },
    });
    const first = Date.parse(unhealthy!.firstTimestamp!);
    const last = Date.parse(unhealthy!.lastTimestamp!);
    expect(first - started).toBeGreaterThanOrEqual(0);
    expect(first - started).toBeLessThan(10 * SECOND);
    expect(last - first).toBe(20 * SECOND);
    const [killing] = byReason(sim, 'Killing');
    expect(killing).toMatchObject({
      type: 'Normal',
      message: 'Container agent failed liveness probe, will be restarted',
      count: 1,
      involvedObject: { fieldPath: 'spec.containers{agent}' },
    });
    expect(killing!.lastTimestamp).toBe(unhealthy!.lastTimestamp);
    // The image stops on SIGTERM within the grace period: 128 + 15, which containerd calls Error.
    expect(agent(sim)).toMatchObject({
      restartCount: 1,
      state: { running: {} },
      lastState: { terminated: { exitCode: 143, reason: 'Error' } },
    });
    expect(Date.parse(agent(sim).lastState!.terminated!.finishedAt!) - last).toBeLessThan(3 * SECOND);
  });

  it('kills a container that outlasts the grace period with SIGKILL at its end (exit code 137), the probe’s own terminationGracePeriodSeconds first', () => {
    const sim = running(liveness, { live: false, stopLatency: MINUTE });
    sim.advance(MINUTE + 5 * SECOND);
    const killedAt = Date.parse(byReason(sim, 'Killing')[0]!.firstTimestamp!);
    expect(agent(sim).lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(Date.parse(agent(sim).lastState!.terminated!.finishedAt!) - killedAt).toBe(30 * SECOND);

    const own = running(
      { livenessProbe: { ...liveness.livenessProbe, terminationGracePeriodSeconds: 5 } },
      { live: false, stopLatency: MINUTE },
    );
    own.advance(45 * SECOND);
    const ownKill = Date.parse(byReason(own, 'Killing')[0]!.firstTimestamp!);
    expect(agent(own).lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(Date.parse(agent(own).lastState!.terminated!.finishedAt!) - ownKill).toBe(5 * SECOND);
  });

  it('restarts at once while the backoff is shorter than the container lives, then waits in CrashLoopBackOff as upstream', () => {
    const sim = running(liveness, { live: false, stopLatency: SECOND });
    const changes = timeline(sim, 10 * MINUTE);
    const restarts = changes.filter((c) => c.state === 'running').map((c) => c.at);
    const waits = changes.filter((c) => c.state === 'waiting');
    // Kill and start are one sync: the first four restarts follow their kills with no wait.
    expect(changes.slice(0, 5).map((c) => [c.restarts, c.state])).toEqual([
      [0, 'running'],
      [1, 'running'],
      [2, 'running'],
      [3, 'running'],
      [4, 'running'],
    ]);
    const firstKill = Date.parse(byReason(sim, 'Killing')[0]!.firstTimestamp!) - SIM_EPOCH_MS;
    expect(restarts[1]! - firstKill).toBeGreaterThan(0);
    expect(restarts[1]! - firstKill).toBeLessThanOrEqual(2 * SECOND);
    expect(restarts.slice(2, 5).map((t, i) => t - restarts[i + 1]!)).toEqual(
      [30, 30, 30].map((s) => s * SECOND),
    );
    // The fifth kill falls in the 40 s window since the fourth exit: CrashLoopBackOff, then doubling waits.
    expect(waits.length).toBeGreaterThanOrEqual(3);
    // From the exit (terminated) through CrashLoopBackOff (waiting) to the restart (running).
    const backoffs = waits.map((w) => {
      const i = changes.indexOf(w);
      expect(changes[i - 1]!.state).toBe('terminated');
      return (changes[i + 1]?.at ?? Infinity) - changes[i - 1]!.at;
    });
    expect(backoffs.slice(0, 3)).toEqual([40, 80, 160].map((s) => s * SECOND));
    expect(agent(sim).state!.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(agent(sim).state!.waiting!.message).toMatch(
      /^back-off 5m0s restarting failed container=agent pod=/,
    );
    const backOff = byReason(sim, 'BackOff')[0]!;
    expect(backOff.type).toBe('Warning');
    expect(backOff.message).toBe(
      `Back-off restarting failed container agent in pod ${pod(sim).metadata.name}_default(${pod(sim).metadata.uid})`,
    );
    expect(byReason(sim, 'Killing')[0]!.count).toBe(agent(sim).restartCount + 1);
  });

  it('passes for liveFor after every start, then fails', () => {
    const sim = running(
      { livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 } },
      {
        liveFor: 30 * SECOND,
        probeOutput: "cat: can't open '/tmp/healthy': No such file or directory",
      },
    );
    const started = startedAt(sim);
    sim.advance(MINUTE);
    const unhealthy = byReason(sim, 'Unhealthy')[0]!;
    expect(unhealthy.message).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    const first = Date.parse(unhealthy.firstTimestamp!) - started;
    expect(first).toBeGreaterThanOrEqual(30 * SECOND);
    expect(first).toBeLessThan(35 * SECOND);
    expect(agent(sim).restartCount).toBe(1);
  });

  it('leaves a killed container terminated when the pod never restarts, and its pod Failed', () => {
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'once', namespace: 'default' },
      spec: { ...agentPodSpec(liveness), restartPolicy: 'Never', nodeName: 'n1' },
    };
    const sim = running(liveness, { live: false }, manifest);
    sim.advance(2 * MINUTE);
    expect(byReason(sim, 'Killing').map((e) => [e.message, e.count])).toEqual([
      ['Container agent failed liveness probe', 1],
    ]);
    expect(agent(sim)).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 143 } } });
    expect(pod(sim).status.phase).toBe('Failed');
  });

  it('records nothing for an image that stays live, and stops when the pod is deleted while the cluster still runs until quiet', () => {
    const healthy = running(liveness, {});
    healthy.advance(5 * MINUTE);
    expect(byReason(healthy, 'Unhealthy')).toEqual([]);
    expect(agent(healthy).restartCount).toBe(0);

    const sim = running(liveness, { live: false });
    expect(() => sim.runUntilQuiet()).not.toThrow();
    sim.advance(MINUTE);
    deleteAgentDaemonSet(sim);
    sim.advance(MINUTE);
    expect(sim.view.allPods()).toEqual([]);
    const count = byReason(sim, 'Unhealthy')[0]!.count;
    sim.advance(MINUTE);
    expect(byReason(sim, 'Unhealthy')[0]!.count).toBe(count);
  });
});

describe("the kubelet's startup probe", () => {
  const startup = (extra: Record<string, unknown> = {}) => ({
    startupProbe: {
      httpGet: { path: '/started', port: 8080 },
      periodSeconds: 10,
      failureThreshold: 3,
      ...extra,
    },
  });

  it('holds the liveness and readiness probes until it succeeds: started and ready stay false meanwhile', () => {
    const sim = running(
      {
        ...startup({ failureThreshold: 10 }),
        ...liveness,
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      },
      { startupDelay: 45 * SECOND },
    );
    expect(agent(sim)).toMatchObject({ started: false, ready: false });
    const started = startedAt(sim);
    sim.advance(40 * SECOND);
    expect(agent(sim)).toMatchObject({ started: false, ready: false });
    expect(byReason(sim, 'Unhealthy').map((e) => e.message)).toEqual([
      'Startup probe failed: HTTP probe failed with statuscode: 503',
    ]);
    sim.advance(MINUTE);
    expect(agent(sim)).toMatchObject({ started: true, ready: true, restartCount: 0 });
    const unhealthy = byReason(sim, 'Unhealthy')[0]!;
    // Ticks 10 s apart from admission: failures until 45 s past the start, then the success.
    expect(Date.parse(unhealthy.lastTimestamp!) - started).toBeLessThan(45 * SECOND);
    expect(unhealthy.count).toBeGreaterThanOrEqual(4);
    expect(byReason(sim, 'Killing')).toEqual([]);
  });

  it('kills the container after failureThreshold failures: "Container NAME failed startup probe, will be restarted"', () => {
    const sim = running({ ...startup(), ...liveness }, { started: false, live: false });
    sim.advance(35 * SECOND);
    expect(byReason(sim, 'Unhealthy').map((e) => [e.message, e.count])).toEqual([
      ['Startup probe failed: HTTP probe failed with statuscode: 503', 3],
    ]);
    expect(byReason(sim, 'Killing').map((e) => e.message)).toEqual([
      'Container agent failed startup probe, will be restarted',
    ]);
    expect(agent(sim)).toMatchObject({
      restartCount: 1,
      started: false,
      lastState: { terminated: { reason: 'Error' } },
    });
  });

  it('starts a default image on its first probe past initialDelaySeconds', () => {
    const sim = running(startup({ initialDelaySeconds: 15 }), {});
    const started = startedAt(sim);
    expect(agent(sim).started).toBe(false);
    sim.advance(30 * SECOND);
    expect(agent(sim)).toMatchObject({ started: true, ready: true });
    expect(byReason(sim, 'Unhealthy')).toEqual([]);
    const write = sim.trace.find((e) => e.entry === 'write' && e.detail === 'agent started=true');
    expect(write).toBeDefined();
    expect(SIM_EPOCH_MS + write!.at - started).toBeGreaterThanOrEqual(15 * SECOND);
    expect(SIM_EPOCH_MS + write!.at - started).toBeLessThan(25 * SECOND);
  });
});

// What kubectl describe pod shows, committed; a change must be read and accepted (UPDATE_GOLDEN=1).
it('shows in kubectl describe pod as Unhealthy (x3 over 10s) and Killing, the restart and its exit 137, as the liveness walkthrough does', () => {
  const sim = running(
    {
      livenessProbe: {
        exec: { command: ['cat', '/tmp/healthy'] },
        initialDelaySeconds: 5,
        periodSeconds: 5,
      },
    },
    {
      liveFor: 30 * SECOND,
      probeOutput: "cat: can't open '/tmp/healthy': No such file or directory",
      stopLatency: MINUTE,
    },
  );
  sim.advance(80 * SECOND);
  const text = describePod(pod(sim), sim.view.events(), sim.now);
  expect(text).toMatch(/Exit Code: {4}137\n/);
  expect(text).toMatch(
    /Normal {3}Killing {4}\d+s +kubelet +Container agent failed liveness probe, will be restarted\n/,
  );
  const golden = new URL('./__golden__/liveness-kill.describe.txt', import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
  expect(text).toBe(readFileSync(golden, 'utf8'));
});
