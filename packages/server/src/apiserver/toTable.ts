import type { SimTime, Table } from '@daemonsim/core';
import type { ResourceDef } from './resources.js';

/**
 * The Table rows of `objects`, each carrying the object as `includeObject` says (`None`,
 * `Metadata` as the presenter gives it, or `Object`), with the table's column definitions.
 * Mirrors the REST storage's `TableConvertor` with `transformObject` of the handlers.
 */
export function tableRows(
  def: ResourceDef,
  objects: readonly unknown[],
  includeObject: string,
  now: SimTime,
): Pick<Table, 'columnDefinitions' | 'rows'> {
  const table = def.table(objects, now);
  const rows = table.rows.map((row, i) => {
    if (includeObject === 'None') {
      const { object: _o, ...rest } = row;
      return rest;
    }
    if (includeObject === 'Object') return { ...row, object: objects[i] };
    return row;
  });
  return { columnDefinitions: table.columnDefinitions, rows: rows as Table['rows'] };
}

/** The `meta.k8s.io/v1` Table of `objects` that `kubectl get` asks for; see {@link tableRows}. */
export function toTable(
  def: ResourceDef,
  objects: readonly unknown[],
  includeObject: string,
  resourceVersion: string,
  now: SimTime,
): Table {
  const { columnDefinitions, rows } = tableRows(def, objects, includeObject, now);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions,
    rows,
  };
}
