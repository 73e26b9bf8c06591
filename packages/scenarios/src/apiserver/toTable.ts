import type { SimTime, Table } from '@daemonsim/core';
import type { ResourceDef } from './resources.js';

/**
 * The `meta.k8s.io/v1` Table of `objects` that `kubectl get` asks for, each row carrying the
 * object as `includeObject` says (`None`, `Metadata` as the presenter gives it, or `Object`).
 * Mirrors the REST storage's `TableConvertor` with `transformObject` of the handlers.
 */
export function toTable(
  def: ResourceDef,
  objects: readonly unknown[],
  includeObject: string,
  resourceVersion: string,
  now: SimTime,
): Table {
  const table = def.table(objects, now);
  const rows = table.rows.map((row, i) => {
    if (includeObject === 'None') {
      const { object: _o, ...rest } = row;
      return rest;
    }
    if (includeObject === 'Object') return { ...row, object: objects[i] };
    return row;
  });
  return { ...table, metadata: { resourceVersion }, rows: rows as Table['rows'] };
}
