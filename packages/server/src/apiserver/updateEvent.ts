import type { Node, SimEvent } from '@daemonsim/core';
import { nodeChange } from './nodeManifest.js';
import type { Target } from './parseTarget.js';
import { methodNotSupported } from './status.js';

/**
 * The simulator event that turns `existing` into `manifest`, or undefined when nothing changes.
 * Upstream counterpart: the storage's `GuaranteedUpdate`.
 */
export function updateEvent(
  t: Target,
  existing: unknown,
  manifest: Record<string, unknown>,
): SimEvent | undefined {
  switch (t.def.name) {
    case 'daemonsets':
      return { type: 'ManifestApplied', manifest };
    case 'nodes': {
      const change = nodeChange(existing as Node, manifest);
      return change === undefined
        ? undefined
        : { type: 'NodeUpdated', name: (existing as Node).metadata.name, change };
    }
    default:
      throw methodNotSupported(t.def.name, t.def.group, 'update');
  }
}
