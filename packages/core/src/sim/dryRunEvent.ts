import { SimulationError } from '../errors.js';
import { Rng } from '../random/rng.js';
import { admitManifest } from './applyManifest.js';
import { changeNode, newNode } from './newNode.js';
import type { ServerContext } from './serverContext.js';
import type { SimEvent, StoredObject } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import { requireNode } from './writePath.js';

/**
 * What {@link dryRunEvent} found: the object the event would store (undefined for a
 * delete, or when nothing would change), as `?dryRun=All` answers. Upstream counterpart: the
 * registry's dry-run path, which runs admission and validation and skips the storage write.
 */
export interface DryRunResult {
  readonly object: StoredObject | undefined;
}

/**
 * Checks a decoded request event against the cluster without applying it, as the registry's
 * dry-run path does: the same lookups, admission, defaulting and validation, throwing the same
 * `SimulationError`s. Pure: the RNG is a copy, uids and resourceVersions are placeholders.
 */
export function dryRunEvent(core: SimulationCore, event: SimEvent): DryRunResult {
  const ctx: ServerContext = {
    now: core.clock,
    rng: Rng.fromState(core.rng.state()),
    nextUid: () => '',
    nextResourceVersion: () => '',
  };
  switch (event.type) {
    case 'NodeAdded':
      if (core.store.getNode(event.node.name) !== undefined)
        throw new SimulationError('AlreadyExists', `nodes "${event.node.name}" already exists`, {
          path: 'metadata.name',
        });
      return { object: newNode(event.node, core.nodeOrdinal, ctx) };
    case 'NodeUpdated':
      return { object: changeNode(requireNode(core, event.name), event.change, ctx) };
    case 'NodeRemoved':
      requireNode(core, event.name);
      return { object: undefined };
    case 'DaemonSetDeleted':
      if (core.store.getDaemonSet(`${event.namespace}/${event.name}`) === undefined)
        throw new SimulationError('NotFound', `daemonsets.apps "${event.name}" not found`, {
          path: 'metadata.name',
        });
      return { object: undefined };
    case 'PodDeleted':
      if (core.store.getPod(`${event.namespace}/${event.name}`) === undefined)
        throw new SimulationError('NotFound', `pods "${event.name}" not found`, { path: 'metadata.name' });
      return { object: undefined };
    case 'ManifestApplied':
      return { object: admitManifest(core, event.manifest, ctx) };
    default:
      throw new SimulationError('BadRequest', `dryRun: ${event.type} is not a request event`, {
        path: 'type',
      });
  }
}
