import { readFileSync } from 'node:fs';
import { parseScenario, runScenario } from '@daemonsim/scenarios';
import { describe, expect, it } from 'vitest';
import { tutorial } from './tutorial.js';

const NEW_NODE = 'ip-192-168-75-33.us-west-2.compute.internal';

// One run of the tutorial with the real kubectl serves every test: it takes seconds.
let run: Promise<string> | undefined;
const transcript = (): Promise<string> => (run ??= tutorial());

/** The transcript's commands in order, each with what it printed (`$ cmd` lines, then output). */
function commands(text: string): { command: string; output: string }[] {
  return text
    .split(/^\$ /m)
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf('\n');
      return { command: chunk.slice(0, newline), output: chunk.slice(newline + 1).trimEnd() };
    });
}

/** What the `nth` (from 0) `$ command` of the transcript printed. */
function printed(text: string, command: string, nth = 0): string {
  const found = commands(text).filter((c) => c.command === command)[nth];
  if (found === undefined) throw new Error(`the transcript has no command ${nth} ${command}`);
  return found.output;
}

/** A table as rows of cells: column widths depend on the rows shown, the cells do not. */
const cells = (table: string): string[][] =>
  table
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.trim().split(/\s+/));

/**
 * The view's scenario of the lesson (lesson.yaml): each print step's table, in order, without
 * its `# description` and `$ kubectl get` lines.
 */
function scenarioTables(): string[] {
  const scenario = parseScenario(readFileSync(new URL('./lesson.yaml', import.meta.url), 'utf8'));
  return runScenario(scenario)
    .output.split('\n\n')
    .map((section) =>
      section
        .split('\n')
        .filter((l) => !l.startsWith('# ') && !l.startsWith('$ '))
        .join('\n')
        .trimEnd(),
    );
}

describe('lesson 2: the DaemonSet tutorial with the real kubectl', () => {
  // Needs kubectl 1.32 on PATH (.ci/run installs it); fails, rather than skips, without it.
  it('prints exactly the committed transcript: paused clock, explicit advances, simulated ages', async () => {
    const expected = readFileSync(new URL('./expected-output.txt', import.meta.url), 'utf8');
    expect(await transcript()).toBe(expected);
  }, 60_000);

  it("opens in the view as lesson.yaml, whose cluster shows what kubectl showed at each of the tutorial's points", async () => {
    const text = await transcript();
    const [systemDs, systemPods, created, ready, wide, gone, joined, left] = scenarioTables();
    // Five minutes in, kubectl get ds -n kube-system.
    expect(systemDs).toBe(printed(text, 'kubectl get ds -n kube-system'));
    // Fifteen minutes in, the kube-proxy pods the tutorial greps, the first of them proxy_pod_1.
    const proxies = systemPods!
      .split('\n')
      .filter((l) => l.includes('proxy'))
      .join('\n');
    expect(proxies).toBe(printed(text, 'kubectl get pods -n kube-system | grep proxy'));
    // kube-proxy runs on the host's network: its pod IP is the node IP its logs detected.
    const proxyPod1 = cells(proxies)[0]![0];
    const proxyPod1Ip = cells(joined!).find((r) => r[0] === proxyPod1)![5];
    expect(printed(text, 'kubectl logs -n kube-system $proxy_pod_1')).toContain(
      `"Detected node IP" address="${proxyPod1Ip}"`,
    );
    // monitoring-daemon just applied, then 30s later, then a minute after its delete.
    expect(created).toBe(printed(text, 'kubectl get ds', 0));
    expect(ready).toBe(printed(text, 'kubectl get ds', 1));
    expect(wide).toBe(printed(text, 'kubectl get pods -o wide'));
    expect(gone).toBe(printed(text, 'kubectl get pods'));
    // The node joined 30s ago: its two pods, as kubectl's field selector on the node lists them.
    const [header, ...rows] = cells(joined!);
    const onNewNode = [header!, ...rows.filter((r) => r[6] === NEW_NODE)];
    expect(onNewNode).toEqual(
      cells(
        printed(text, `kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=${NEW_NODE}`),
      ),
    );
    // The watch listed the four pods that are left a minute after the node was deleted, then
    // showed the new node's two pods come and go.
    const watch = cells(printed(text, 'kill %1')).slice(1);
    const listed = watch.slice(0, 4).map((r) => r[0]);
    expect(
      cells(left!)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(listed);
    expect([...new Set(watch.slice(4).map((r) => r[0]))].sort()).toEqual(onNewNode.slice(1).map((r) => r[0]));
    expect(watch.at(-1)![2]).toBe('Failed');
  }, 60_000);
});
