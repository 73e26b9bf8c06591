import type { Container } from 'kubernetes-types/core/v1.js';
import type { DaemonSet } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { formatLabelSelector, formatLabels } from '../model/labelSelector.js';
import { translateTimestampSince } from './humanDuration.js';
import {
  AGE_COLUMN,
  NAME_COLUMN,
  column,
  makeTable,
  partialObjectMetadata,
  type Table,
  type TableColumnDefinition,
} from './table.js';

/**
 * The columns of `kubectl get daemonsets`.
 * Mirrors `daemonSetColumnDefinitions` in `AddHandlers` (pkg/printers/internalversion/printers.go).
 * Deviation: descriptions are the apps/v1 OpenAPI texts (upstream quotes extensions/v1beta1's).
 */
export const DAEMON_SET_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column(
    'Desired',
    'integer',
    'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  ),
  column(
    'Current',
    'integer',
    'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  ),
  column(
    'Ready',
    'integer',
    'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
  ),
  column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
  column(
    'Available',
    'integer',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
  ),
  column(
    'Node Selector',
    'string',
    "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
  ),
  AGE_COLUMN,
  column('Containers', 'string', 'Names of each container in the template.', 1),
  column('Images', 'string', 'Images referenced by each container in the template.', 1),
  column(
    'Selector',
    'string',
    "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    1,
  ),
];

/**
 * Builds the server-side table of `kubectl get daemonsets`, wide cells included.
 * Mirrors `printDaemonSet`/`printDaemonSetList` (pkg/printers/internalversion/printers.go) called
 * with `Wide: true`, as the API server's table convertor does. Missing status counts print 0.
 */
export function daemonSetTable(daemonSets: readonly DaemonSet[], now: SimTime): Table {
  return makeTable(
    DAEMON_SET_COLUMNS,
    daemonSets.map((ds) => {
      const status = ds.status;
      const { names, images } = layoutContainerCells(ds.spec.template.spec?.containers ?? []);
      return {
        cells: [
          ds.metadata.name,
          status.desiredNumberScheduled ?? 0,
          status.currentNumberScheduled ?? 0,
          status.numberReady ?? 0,
          status.updatedNumberScheduled ?? 0,
          status.numberAvailable ?? 0,
          formatLabels(ds.spec.template.spec?.nodeSelector),
          translateTimestampSince(ds.metadata.creationTimestamp, now),
          names,
          images,
          formatLabelSelector(ds.spec.selector),
        ],
        object: partialObjectMetadata(ds.metadata),
      };
    }),
  );
}

/**
 * Joins container names and images with commas, in container order.
 * Mirrors `layoutContainerCells` (pkg/printers/internalversion/printers.go).
 */
export function layoutContainerCells(containers: readonly Container[]): { names: string; images: string } {
  return {
    names: containers.map((c) => c.name).join(','),
    images: containers.map((c) => c.image ?? '').join(','),
  };
}
