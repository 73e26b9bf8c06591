import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { ControllerRevision } from '../model/objects.js';
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

/**
 * The columns of `kubectl get controllerrevisions`.
 * Mirrors `controllerRevisionColumnDefinition` in `AddHandlers` (pkg/printers/internalversion/printers.go).
 */
export const CONTROLLER_REVISION_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Controller', 'string', 'Controller of the object'),
  column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
  AGE_COLUMN,
];

/**
 * Builds the server-side table of `kubectl get controllerrevisions`; CONTROLLER reads like
 * `daemonset.apps/foo`, or `<none>` without a controller owner reference.
 * Mirrors `printControllerRevision`/`printControllerRevisionList` (pkg/printers/internalversion/printers.go).
 * Deviation: an unparsable owner apiVersion renders the bare kind instead of failing the listing.
 */
export function controllerRevisionTable(revisions: readonly ControllerRevision[], now: SimTime): Table {
  return makeTable(
    CONTROLLER_REVISION_COLUMNS,
    revisions.map((revision) => {
      const controllerRef = (revision.metadata.ownerReferences ?? []).find((ref) => ref.controller === true);
      return {
        cells: [
          revision.metadata.name,
          controllerRef === undefined ? '<none>' : formatControllerName(controllerRef),
          revision.revision,
          translateTimestampSince(revision.metadata.creationTimestamp, now),
        ],
        object: partialObjectMetadata(revision.metadata),
      };
    }),
  );
}

/**
 * Renders an owner as `kind.group/name` in lower case (`daemonset.apps/foo`, `pod/bar` for the core group).
 * Mirrors `formatResourceName(gvk.GroupKind(), name, true)` (pkg/printers/internalversion/printers.go).
 */
export function formatControllerName(ref: Pick<OwnerReference, 'apiVersion' | 'kind' | 'name'>): string {
  const slash = ref.apiVersion.indexOf('/');
  // schema.ParseGroupVersion: "v1" is the core group; "apps/v1" is group "apps".
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const groupKind = group === '' ? ref.kind : `${ref.kind}.${group}`;
  if (groupKind === '') return ref.name;
  return `${groupKind.toLowerCase()}/${ref.name}`;
}
