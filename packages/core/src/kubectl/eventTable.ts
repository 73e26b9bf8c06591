import type { EventSource } from 'kubernetes-types/core/v1.js';
import type { KubeEvent } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { translateTimestampSince } from './humanDuration.js';
import {
  NAME_COLUMN,
  column,
  makeTable,
  partialObjectMetadata,
  type Table,
  type TableColumnDefinition,
} from './table.js';

/**
 * The columns of `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, and with `-o wide`
 * SUBOBJECT SOURCE between OBJECT and MESSAGE, then FIRST SEEN COUNT NAME.
 * Mirrors `eventColumnDefinitions` in `AddHandlers` (pkg/printers/internalversion/printers.go).
 */
export const EVENT_COLUMNS: readonly TableColumnDefinition[] = [
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column(
    'Reason',
    'string',
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
  ),
  column('Object', 'string', 'The object that this event is about.'),
  column(
    'Subobject',
    'string',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
    1,
  ),
  column(
    'Source',
    'string',
    'The component reporting this event. Should be a short machine understandable string.',
    1,
  ),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  column(
    'First Seen',
    'string',
    'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
    1,
  ),
  column('Count', 'string', 'The number of times this event has occurred.', 1),
  { ...NAME_COLUMN, priority: 1 },
];

/**
 * Builds the server-side table of `kubectl get events`, in input order (neither the server nor
 * `kubectl get` sorts events); OBJECT reads `daemonset/foo`, `pod/foo-x7k2p`.
 * Mirrors `printEvent`/`printEventList` (pkg/printers/internalversion/printers.go) with `Wide: true`:
 * LAST SEEN falls back to the first timestamp, a series reports its own last time and count,
 * a singleton event without a count shows 1, messages are trimmed.
 */
export function eventTable(events: readonly KubeEvent[], now: SimTime): Table {
  return makeTable(
    EVENT_COLUMNS,
    events.map((event) => {
      let firstTimestamp = translateTimestampSince(event.firstTimestamp, now);
      if (isZeroTime(event.firstTimestamp)) firstTimestamp = translateTimestampSince(event.eventTime, now);
      let lastTimestamp = translateTimestampSince(event.lastTimestamp, now);
      if (isZeroTime(event.lastTimestamp)) lastTimestamp = firstTimestamp;
      let count = event.count ?? 0;
      if (event.series !== undefined) {
        lastTimestamp = translateTimestampSince(event.series.lastObservedTime, now);
        count = event.series.count ?? 0;
      } else if (count === 0) {
        // Singleton events of the events/v1 API carry no count.
        count = 1;
      }
      const kind = (event.involvedObject.kind ?? '').toLowerCase();
      const name = event.involvedObject.name ?? '';
      return {
        cells: [
          lastTimestamp,
          event.type ?? '',
          event.reason ?? '',
          name === '' ? kind : `${kind}/${name}`,
          event.involvedObject.fieldPath ?? '',
          formatEventSource(
            event.source ?? {},
            event.reportingComponent ?? '',
            event.reportingInstance ?? '',
          ),
          (event.message ?? '').trim(),
          firstTimestamp,
          count,
          event.metadata.name,
        ],
        object: partialObjectMetadata(event.metadata),
      };
    }),
  );
}

/**
 * Renders an event source as `component` or `component, host`, falling back to the reporting
 * controller and instance.
 * Mirrors `formatEventSource` (pkg/printers/internalversion/printers.go).
 */
export function formatEventSource(
  source: EventSource,
  reportingController: string,
  reportingInstance: string,
): string {
  const component = firstNonEmpty(source.component, reportingController);
  const instance = firstNonEmpty(source.host, reportingInstance);
  return instance === '' ? component : `${component}, ${instance}`;
}

function firstNonEmpty(...values: (string | undefined)[]): string {
  return values.find((v) => v !== undefined && v !== '') ?? '';
}

function isZeroTime(timestamp: string | null | undefined): boolean {
  return timestamp === undefined || timestamp === null || timestamp === '';
}
