import type { Simulation } from '@daemonsim/core';
import type { ResourceDef } from './resources.js';
import { metaOf } from './resources.js';
import { notFound } from './status.js';

/** The objects of a resource now, sorted by key, in one namespace or all. Mirrors the storage's `GetList`. */
export function listObjects(
  simulation: Simulation,
  def: ResourceDef,
  namespace: string | undefined,
): unknown[] {
  const all = def.list(simulation.snapshot(), simulation);
  return namespace === undefined ? [...all] : all.filter((o) => metaOf(o).namespace === namespace);
}

/** The object `name` of a resource now; throws a 404 Status when there is none. Mirrors the storage's `Get`. */
export function getObject(
  simulation: Simulation,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
): unknown {
  const found = listObjects(simulation, def, namespace).find((o) => metaOf(o).name === name);
  if (found === undefined) throw notFound(def.name, def.group, name);
  return found;
}
