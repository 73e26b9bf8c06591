import type { ClusterSnapshot, Pod, SimTime } from '@daemonsim/core';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import {
  formatLabelSelector,
  getControllerOf,
  getTargetNodeName,
  isPodReady,
  isPodTerminal,
  labelSelectorMatches,
  podIsTerminating,
} from '@daemonsim/core';
import { renderGet } from './kubectlViews.js';
import type { DaemonSetExpectation, ExpectStep, PodsExpectation } from './steps.js';
import { DAEMONSET_STATUS_FIELDS } from './steps.js';

/** The outcome of an `expect` step: the unmet assertions, and the state that explains them. */
export interface ExpectationResult {
  /** Empty when every assertion holds. */
  readonly failures: readonly string[];
  /** kubectl views of the objects the assertions are about; empty when nothing failed. */
  readonly state: string;
}

/**
 * Checks an `expect` step against a snapshot taken at `now`.
 * Upstream has no counterpart; the checks read the state as `kubectl get` would show it.
 */
export function evaluateExpectation(
  snapshot: ClusterSnapshot,
  now: SimTime,
  step: ExpectStep,
): ExpectationResult {
  const failures: string[] = [];
  const views: string[] = [];
  if (step.daemonSet !== undefined) {
    const found = checkDaemonSet(snapshot, step.daemonSet);
    if (found.failures.length > 0) {
      failures.push(...found.failures);
      const namespace = step.daemonSet.namespace ?? 'default';
      views.push(renderGet(snapshot, now, { resource: 'daemonsets', namespace }));
      views.push(
        renderGet(snapshot, now, {
          resource: 'pods',
          namespace,
          wide: true,
          pods: found.pods,
          ...(found.label === undefined ? {} : { label: found.label }),
        }),
      );
      views.push(renderGet(snapshot, now, { resource: 'nodes' }));
    }
  }
  if (step.pods !== undefined) {
    const found = checkPods(snapshot, step.pods);
    if (found.length > 0) {
      failures.push(...found);
      const all = step.pods.allNamespaces === true;
      views.push(
        renderGet(
          snapshot,
          now,
          all
            ? { resource: 'pods', allNamespaces: true, wide: true }
            : { resource: 'pods', namespace: step.pods.namespace ?? 'default', wide: true },
        ),
      );
      if (step.daemonSet === undefined) views.push(renderGet(snapshot, now, { resource: 'nodes' }));
    }
  }
  return { failures, state: views.join('\n') };
}

/** The pods a DaemonSet controls that are neither terminating nor terminal, sorted by name. */
export function activeDaemonPods(snapshot: ClusterSnapshot, namespace: string, uid: string): Pod[] {
  const pods: Pod[] = [];
  for (const pod of snapshot.pods.values()) {
    if (pod.metadata.namespace !== namespace || getControllerOf(pod.metadata)?.uid !== uid) continue;
    if (podIsTerminating(pod) || isPodTerminal(pod)) continue;
    pods.push(pod);
  }
  return pods.sort((a, b) =>
    a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0,
  );
}

function list(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

function checkDaemonSet(
  snapshot: ClusterSnapshot,
  e: DaemonSetExpectation,
): { failures: string[]; pods: Pod[]; label?: string } {
  const namespace = e.namespace ?? 'default';
  const subject = `daemonSet ${namespace}/${e.name}`;
  const ds = snapshot.daemonSets.get(`${namespace}/${e.name}`);
  if (e.exists === false) {
    return {
      failures:
        ds === undefined
          ? []
          : [
              `${subject}: expected it not to exist, found it (uid ${ds.metadata.uid}${ds.metadata.deletionTimestamp === undefined ? '' : ', terminating'})`,
            ],
      pods: [],
    };
  }
  if (ds === undefined)
    return {
      failures: [`${subject}: expected it to exist, found daemonsets.apps "${e.name}" not found`],
      pods: [],
    };
  const failures: string[] = [];
  const pods = activeDaemonPods(snapshot, namespace, ds.metadata.uid);
  const podsByNode = new Map<string, string[]>();
  for (const pod of pods) {
    const node = getTargetNodeName(pod) ?? '<none>';
    podsByNode.set(node, [...(podsByNode.get(node) ?? []), pod.metadata.name]);
  }
  const nodes = [...podsByNode.keys()].sort();
  if (e.nodes !== undefined) {
    const expected = [...new Set(e.nodes)].sort();
    const missing = expected.filter((n) => !podsByNode.has(n));
    const unexpected = nodes.filter((n) => !expected.includes(n));
    if (missing.length > 0 || unexpected.length > 0) {
      const parts = [
        ...(missing.length > 0 ? [`missing: ${list(missing)}`] : []),
        ...(unexpected.length > 0 ? [`unexpected: ${list(unexpected)}`] : []),
      ];
      failures.push(
        `${subject}: expected daemon pods on exactly ${list(expected)}, found them on ${list(nodes)} (${parts.join('; ')})`,
      );
    }
  }
  if (e.nodeCount !== undefined && nodes.length !== e.nodeCount) {
    failures.push(
      `${subject}: expected daemon pods on ${e.nodeCount} node(s), found ${nodes.length} ${list(nodes)}`,
    );
  }
  for (const node of e.notOnNodes ?? []) {
    const names = podsByNode.get(node);
    if (names !== undefined)
      failures.push(`${subject}: expected no daemon pod on node ${node}, found ${list(names)}`);
  }
  if (e.readyPods !== undefined) {
    const ready = pods.filter(isPodReady).length;
    if (ready !== e.readyPods)
      failures.push(`${subject}: expected ${e.readyPods} ready daemon pod(s), found ${ready}`);
  }
  if (e.revisions !== undefined) {
    const got: number[] = [];
    for (const rev of snapshot.controllerRevisions.values()) {
      if (rev.metadata.namespace === namespace && getControllerOf(rev.metadata)?.uid === ds.metadata.uid)
        got.push(rev.revision);
    }
    got.sort((a, b) => a - b);
    const want = [...e.revisions].sort((a, b) => a - b);
    if (want.join(',') !== got.join(','))
      failures.push(
        `${subject}: expected revisions ${list(want.map(String))}, found ${list(got.map(String))}`,
      );
  }
  for (const field of DAEMONSET_STATUS_FIELDS) {
    const want = e.status?.[field];
    if (want === undefined) continue;
    const got = ds.status[field] ?? 0;
    if (got !== want) failures.push(`${subject}: expected status.${field} = ${want}, found ${got}`);
  }
  return { failures, pods, label: formatLabelSelector(ds.spec.selector) };
}

function checkPods(snapshot: ClusterSnapshot, e: PodsExpectation): string[] {
  const all = e.allNamespaces === true;
  const namespace = e.namespace ?? 'default';
  const selector: LabelSelector = {
    ...(e.labels === undefined ? {} : { matchLabels: { ...e.labels } }),
    ...(e.matchExpressions === undefined
      ? {}
      : {
          matchExpressions: e.matchExpressions.map((r) => ({
            key: r.key,
            operator: r.operator,
            ...(r.values === undefined ? {} : { values: [...r.values] }),
          })),
        }),
  };
  let count = 0;
  for (const pod of snapshot.pods.values()) {
    if (!all && pod.metadata.namespace !== namespace) continue;
    if (!labelSelectorMatches(selector, pod.metadata.labels)) continue;
    if (e.phase !== undefined && pod.status.phase !== e.phase) continue;
    if (e.node !== undefined && getTargetNodeName(pod) !== e.node) continue;
    if (e.ready !== undefined && isPodReady(pod) !== e.ready) continue;
    if (e.image !== undefined && !pod.spec.containers.some((c) => c.image === e.image)) continue;
    if (e.includeTerminating !== true && podIsTerminating(pod)) continue;
    count++;
  }
  if (count === e.count) return [];
  const filters = [
    all ? 'in all namespaces' : `in namespace ${namespace}`,
    ...(e.labels === undefined && e.matchExpressions === undefined
      ? []
      : [`matching ${formatLabelSelector(selector)}`]),
    ...(e.phase === undefined ? [] : [`in phase ${e.phase}`]),
    ...(e.node === undefined ? [] : [`on node ${e.node}`]),
    ...(e.ready === undefined ? [] : [e.ready ? 'ready' : 'not ready']),
    ...(e.image === undefined ? [] : [`running image ${e.image}`]),
    ...(e.includeTerminating === true ? ['terminating included'] : []),
  ];
  return [`pods ${filters.join(', ')}: expected ${e.count}, found ${count}`];
}
