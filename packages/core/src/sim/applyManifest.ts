import { canonicalJson } from '../api/canonicalJson.js';
import { defaultPodSpec } from '../api/defaultPodSpec.js';
import { generateName } from '../api/nameGenerator.js';
import { validateObjectMeta } from '../api/validateName.js';
import { formatInvalidError } from '../api/fieldError.js';
import type { NewPod } from '../controllers/plan.js';
import { SimulationError } from '../errors.js';
import type { Namespace } from '../model/objects.js';
import { toTimestamp } from '../model/time.js';
import type { DaemonSetManifest } from './admitDaemonSet.js';
import { admitDaemonSet } from './admitDaemonSet.js';
import { changeNode, newNode } from './newNode.js';
import type { ServerContext } from './serverContext.js';
import type { StoredObject } from './simEvent.js';
import { admitPodSpec, createPod, qosClassOf } from './podWrites.js';
import { addNode, writeDaemonSet, writeNode } from './writePath.js';
import { emit } from './emit.js';
import type { SimulationCore } from './simulationCore.js';

/** The checks every manifest passes first: a JSON object of a supported kind with valid metadata. */
function checkManifest(
  core: SimulationCore,
  manifest: unknown,
): {
  readonly kind: string;
  readonly namespace: string;
  readonly m: { metadata?: { name?: unknown; namespace?: unknown } };
} {
  const m = manifest as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  } | null;
  if (m === null || typeof m !== 'object' || Array.isArray(m))
    throw new SimulationError('BadRequest', "Object 'Kind' is missing in manifest: not a JSON object");
  if (typeof m.kind !== 'string' || m.kind === '')
    throw new SimulationError('BadRequest', "Object 'Kind' is missing in manifest", { path: 'kind' });
  if (typeof m.apiVersion !== 'string' || m.apiVersion === '')
    throw new SimulationError('BadRequest', "Object 'apiVersion' is missing in manifest", {
      path: 'apiVersion',
    });
  const kind = SUPPORTED_KINDS.get(`${m.apiVersion} ${m.kind}`);
  if (kind === undefined)
    throw new SimulationError('BadRequest', `no matches for kind "${m.kind}" in version "${m.apiVersion}"`, {
      path: 'kind',
    });
  const metaErrors = validateObjectMeta(
    m.metadata as never,
    kind !== 'Node' && kind !== 'Namespace',
    'metadata',
    kind === 'Namespace' ? 'label' : 'subdomain',
  );
  if (metaErrors.length > 0 && kind !== 'DaemonSet') {
    throw new SimulationError(
      'Invalid',
      formatInvalidError(kind, '', typeof m.metadata?.name === 'string' ? m.metadata.name : '', metaErrors),
      { causes: metaErrors },
    );
  }
  const namespace =
    typeof m.metadata?.namespace === 'string' && m.metadata.namespace !== ''
      ? m.metadata.namespace
      : 'default';
  return { kind, namespace, m };
}

/** What applying `manifest` would store, checked as {@link applyManifest} checks it, stamped through `ctx`; nothing is written. */
export function admitManifest(
  core: SimulationCore,
  manifest: unknown,
  ctx: ServerContext,
): StoredObject | undefined {
  const { kind, namespace, m } = checkManifest(core, manifest);
  const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
  switch (kind) {
    case 'DaemonSet': {
      requireNamespace(core, namespace);
      const existing = core.store.getDaemonSet(`${namespace}/${name}`);
      if (existing?.metadata.deletionTimestamp !== undefined) {
        throw new SimulationError(
          'Conflict',
          `Operation cannot be fulfilled on daemonsets.apps "${name}": object is being deleted`,
          { path: 'metadata.name' },
        );
      }
      return admitDaemonSet(manifest as DaemonSetManifest, namespace, existing, ctx);
    }
    case 'Node': {
      const node = manifest as {
        metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
        spec?: { taints?: []; unschedulable?: boolean };
      };
      const existing = core.store.getNode(name);
      if (existing === undefined) {
        return newNode(
          {
            name,
            ...(node.metadata.labels === undefined ? {} : { labels: node.metadata.labels }),
            ...(node.metadata.annotations === undefined ? {} : { annotations: node.metadata.annotations }),
            ...(node.spec?.taints === undefined ? {} : { taints: node.spec.taints }),
            ...(node.spec?.unschedulable === undefined ? {} : { unschedulable: node.spec.unschedulable }),
          },
          core.nodeOrdinal,
          ctx,
        );
      }
      const labels: Record<string, string | null> = { ...node.metadata.labels };
      for (const k of Object.keys(existing.metadata.labels ?? {})) if (!(k in labels)) labels[k] = null;
      return changeNode(
        existing,
        {
          labels,
          removeTaints: existing.spec.taints ?? [],
          addTaints: node.spec?.taints ?? [],
          unschedulable: node.spec?.unschedulable === true,
        },
        ctx,
      );
    }
    case 'Namespace':
      return (
        core.store.getNamespace(name) ?? {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name,
            uid: '',
            resourceVersion: '',
            creationTimestamp: toTimestamp(core.clock),
            labels: { 'kubernetes.io/metadata.name': name },
          },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        }
      );
    default: {
      requireNamespace(core, namespace);
      const pod = manifest as {
        metadata: {
          name?: string;
          generateName?: string;
          labels?: Record<string, string>;
          annotations?: Record<string, string>;
        };
        spec?: NewPod['spec'];
      };
      if (name !== '' && core.store.getPod(`${namespace}/${name}`) !== undefined) {
        throw new SimulationError('AlreadyExists', `pods "${name}" already exists`, {
          path: 'metadata.name',
        });
      }
      if (pod.spec === undefined || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
        throw new SimulationError('Invalid', `Pod "${name}" is invalid: spec.containers: Required value`, {
          path: 'spec.containers',
        });
      }
      const spec = admitPodSpec(core, defaultPodSpec(pod.spec));
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...pod.metadata,
          name: name === '' ? generateName(pod.metadata.generateName ?? '', ctx.rng) : name,
          namespace,
          uid: '',
          resourceVersion: '',
          creationTimestamp: toTimestamp(core.clock),
        },
        spec,
        status: { phase: 'Pending', qosClass: qosClassOf(spec) },
      };
    }
  }
}

/** Applies a manifest as `kubectl apply` does for the supported kinds: creates, or updates in place where the kind allows it. */
export function applyManifest(core: SimulationCore, manifest: unknown): void {
  const { kind, namespace, m } = checkManifest(core, manifest);
  switch (kind) {
    case 'DaemonSet': {
      requireNamespace(core, namespace);
      const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
      const existing = core.store.getDaemonSet(`${namespace}/${name}`);
      if (existing?.metadata.deletionTimestamp !== undefined) {
        throw new SimulationError(
          'Conflict',
          `Operation cannot be fulfilled on daemonsets.apps "${name}": object is being deleted`,
          { path: 'metadata.name' },
        );
      }
      const ds = admitDaemonSet(manifest as DaemonSetManifest, namespace, existing, core.context);
      if (ds === existing) return;
      writeDaemonSet(core, ds, existing === undefined ? 'create' : 'update', 'user');
      return;
    }
    case 'Node': {
      const node = manifest as {
        metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
        spec?: { taints?: []; unschedulable?: boolean };
      };
      const existing = core.store.getNode(node.metadata.name);
      if (existing === undefined) {
        return addNode(core, {
          name: node.metadata.name,
          ...(node.metadata.labels === undefined ? {} : { labels: node.metadata.labels }),
          ...(node.metadata.annotations === undefined ? {} : { annotations: node.metadata.annotations }),
          ...(node.spec?.taints === undefined ? {} : { taints: node.spec.taints }),
          ...(node.spec?.unschedulable === undefined ? {} : { unschedulable: node.spec.unschedulable }),
        });
      }
      const labels: Record<string, string | null> = { ...node.metadata.labels };
      for (const k of Object.keys(existing.metadata.labels ?? {})) if (!(k in labels)) labels[k] = null;
      const changed = changeNode(
        existing,
        {
          labels,
          removeTaints: existing.spec.taints ?? [],
          addTaints: node.spec?.taints ?? [],
          unschedulable: node.spec?.unschedulable === true,
        },
        core.context,
      );
      if (
        canonicalJson({ ...changed.metadata, resourceVersion: '' }) ===
          canonicalJson({ ...existing.metadata, resourceVersion: '' }) &&
        canonicalJson(changed.spec) === canonicalJson(existing.spec)
      )
        return;
      return writeNode(core, existing, changed, 'user', 'update');
    }
    case 'Namespace': {
      const name = String(m.metadata?.name);
      if (core.store.getNamespace(name) !== undefined) return;
      const ns: Namespace = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: core.context.nextUid(),
          resourceVersion: core.context.nextResourceVersion(),
          creationTimestamp: toTimestamp(core.clock),
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      };
      core.store.putNamespace(ns);
      core.recordWrite('create', 'Namespace', name, 'user', '');
      emit(core, 'Namespace', undefined, ns);
      return;
    }
    case 'Pod': {
      requireNamespace(core, namespace);
      const pod = manifest as {
        metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
        spec?: NewPod['spec'];
      };
      if (core.store.getPod(`${namespace}/${pod.metadata.name}`) !== undefined) {
        throw new SimulationError('AlreadyExists', `pods "${pod.metadata.name}" already exists`, {
          path: 'metadata.name',
        });
      }
      if (pod.spec === undefined || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
        throw new SimulationError(
          'Invalid',
          `Pod "${pod.metadata.name}" is invalid: spec.containers: Required value`,
          { path: 'spec.containers' },
        );
      }
      createPod(core, { metadata: { ...pod.metadata, namespace }, spec: pod.spec }, 'user', undefined);
      return;
    }
  }
}

function requireNamespace(core: SimulationCore, namespace: string): void {
  if (core.store.getNamespace(namespace) === undefined)
    throw new SimulationError('NotFound', `namespaces "${namespace}" not found`, {
      path: 'metadata.namespace',
    });
}

/** Which of the kinds a scenario may apply the simulator accepts, by apiVersion and kind. */
const SUPPORTED_KINDS = new Map([
  ['apps/v1 DaemonSet', 'DaemonSet'],
  ['v1 Node', 'Node'],
  ['v1 Namespace', 'Namespace'],
  ['v1 Pod', 'Pod'],
]);
