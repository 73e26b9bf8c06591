import type { Namespace } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
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

/** The columns of `kubectl get namespaces`. Mirrors `namespaceColumnDefinitions` (pkg/printers/internalversion/printers.go). */
export const NAMESPACE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', 'The status of the namespace'),
  AGE_COLUMN,
];

/** Builds the server-side table of `kubectl get namespaces`: NAME STATUS AGE. Mirrors `printNamespace`. */
export function namespaceTable(namespaces: readonly Namespace[], now: SimTime): Table {
  return makeTable(
    NAMESPACE_COLUMNS,
    namespaces.map((ns) => ({
      cells: [
        ns.metadata.name,
        ns.status?.phase ?? '',
        translateTimestampSince(ns.metadata.creationTimestamp, now),
      ],
      object: partialObjectMetadata(ns.metadata),
    })),
  );
}
