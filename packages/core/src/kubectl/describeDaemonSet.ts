import { labelSelectorMatches } from '../model/labelSelector.js';
import type { DaemonSet, KubeEvent, Pod } from '../model/objects.js';
import { getControllerOf } from '../model/ownerReferences.js';
import type { SimTime } from '../model/time.js';
import { writeEvents } from './describeEvents.js';
import { writePodTemplate } from './describePodTemplate.js';
import { formatLabels, formatLabelSelector } from '../model/labelSelector.js';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './prefixWriter.js';

/** The Pods Status counts of a controller: its pods bucketed by phase. */
export interface PodStatusCounts {
  readonly running: number;
  readonly waiting: number;
  readonly succeeded: number;
  readonly failed: number;
}

/**
 * Counts the pods in the owner's namespace that match `selector` and whose controller reference
 * has the owner's UID: Running, Pending (as waiting), Succeeded and Failed; `Unknown` counts nowhere.
 * Mirrors `getPodStatusForController` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 */
export function getPodStatusForController(owner: DaemonSet, pods: Iterable<Pod>): PodStatusCounts {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of pods) {
    if (pod.metadata.namespace !== owner.metadata.namespace) continue;
    if (!labelSelectorMatches(owner.spec.selector, pod.metadata.labels)) continue;
    if (getControllerOf(pod.metadata)?.uid !== owner.metadata.uid) continue;
    switch (pod.status.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return { running, waiting, succeeded, failed };
}

/** Options of {@link describeDaemonSet}. */
export interface DescribeOptions {
  /** `--show-events=false` omits the Events section. @defaultValue true */
  readonly showEvents?: boolean;
}

/**
 * Renders `kubectl describe daemonset <name>`: name, namespace, selector, node selector, labels,
 * annotations, the five literal `Number of ...` lines, Pods Status, the Pod Template block and
 * the Events table; `pods` and `events` may hold the whole cluster's, they are filtered here
 * (pods by selector and controller UID, events by involved kind, namespace, name and UID).
 * Mirrors `DaemonSetDescriber.Describe` and `describeDaemonSet` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Like kubectl 1.32 (checked against the real binary) it prints no `Namespace:` line, unlike
 * the reference §17.4.
 * Deviation: an empty selector prints an empty Selector (upstream's `labels.Everything()`), and
 * one that does not convert prints `<error>` where upstream fails the whole describe.
 */
export function describeDaemonSet(
  ds: DaemonSet,
  pods: Iterable<Pod>,
  events: Iterable<KubeEvent>,
  now: SimTime,
  options: DescribeOptions = {},
): string {
  const { running, waiting, succeeded, failed } = getPodStatusForController(ds, pods);
  const selector = formatLabelSelector(ds.spec.selector);
  const status = ds.status;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Selector:\t${selector === '<none>' ? '' : selector}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec.template.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status.numberMisscheduled ?? 0}\n`);
  w.write(
    LEVEL_0,
    `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`,
  );
  writePodTemplate(w, ds.spec.template);
  if (options.showEvents !== false) {
    const own = [...events].filter(
      (e) =>
        e.involvedObject.kind === 'DaemonSet' &&
        e.involvedObject.name === ds.metadata.name &&
        (e.involvedObject.namespace ?? '') === ds.metadata.namespace &&
        e.involvedObject.uid === ds.metadata.uid,
    );
    writeEvents(w, own, now);
  }
  return w.tabbed();
}
