import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
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

/** The columns of `kubectl get leases`. Mirrors `leaseColumnDefinitions` (pkg/printers/internalversion/printers.go). */
export const LEASE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
  AGE_COLUMN,
];

/** Builds the server-side table of `kubectl get leases`: NAME HOLDER AGE. Mirrors `printLease`. */
export function leaseTable(
  leases: readonly (Lease & { metadata: ObjectMeta & { name: string } })[],
  now: SimTime,
): Table {
  return makeTable(
    LEASE_COLUMNS,
    leases.map((lease) => ({
      cells: [
        lease.metadata.name,
        lease.spec?.holderIdentity ?? '<unset>',
        translateTimestampSince(lease.metadata.creationTimestamp, now),
      ],
      object: partialObjectMetadata(lease.metadata),
    })),
  );
}
