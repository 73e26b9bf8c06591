import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as k8s from 'kubernetes-types/core/v1.js';
import type * as meta from 'kubernetes-types/meta/v1.js';
import { decodeManifest } from '../api/decodeManifest.js';
import { generateName } from '../api/nameGenerator.js';
import { defaultDaemonSet } from '../api/defaultDaemonSet.js';
import { defaultPodSpec } from '../api/defaultPodSpec.js';
import { formatInvalidError, required } from '../api/fieldError.js';
import { assertValidDaemonSet } from '../api/validateDaemonSet.js';
import { assertValidNode } from '../api/validateNode.js';
import { validateObjectMeta } from '../api/validateName.js';
import { validatePodSpec } from '../api/validatePodSpec.js';
import { DEPRECATED_TEMPLATE_GENERATION } from '../controllers/daemonset/constants.js';
import { SimulationError } from '../errors.js';
import type { FieldError } from '../errors.js';
import type { ControllerRevision, DaemonSet, Namespace, Node, Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { toTimestamp } from '../model/time.js';
import { listed } from './handlers.js';
import { qosClassOf } from './podWrites.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * Objects a simulation starts from, stored as given: status, owner references, finalizers,
 * deletion marks, conditions and allocatable included. Each is decoded strictly against its
 * kind's upstream schema and validated as the API server would on create; `apiVersion` and
 * `kind` may be left out (the section says which kind it is).
 */
export interface ClusterFixture {
  readonly namespaces?: readonly unknown[];
  readonly nodes?: readonly unknown[];
  readonly daemonSets?: readonly unknown[];
  readonly controllerRevisions?: readonly unknown[];
  readonly pods?: readonly unknown[];
}

const SECTIONS = {
  namespaces: { apiVersion: 'v1', kind: 'Namespace' },
  nodes: { apiVersion: 'v1', kind: 'Node' },
  daemonSets: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  controllerRevisions: { apiVersion: 'apps/v1', kind: 'ControllerRevision' },
  pods: { apiVersion: 'v1', kind: 'Pod' },
} as const;

type Section = keyof typeof SECTIONS;
const ORDER: readonly Section[] = ['namespaces', 'nodes', 'daemonSets', 'controllerRevisions', 'pods'];

/**
 * Stores a fixture's objects in the API server's storage and in the controllers' caches, which
 * are synced at once, then lets each component's handlers see them as an informer's initial list
 * does: DaemonSet keys, unbound pods and the like are queued, and nothing runs until the caller
 * steps the simulation. Throws a `SimulationError` in the API server's words, prefixed with the
 * object's place (`fixture.pods[1]: Pod "x" is invalid: spec.containers: Required value`), and
 * stores nothing when any object is bad.
 * Upstream counterpart: the informer stores a unit test of pkg/controller/daemon fills
 * (`dsStore.Add`, `podStore.Add`) or `fake.NewSimpleClientset(objects...)`.
 * Deviations: each object gets a fresh resourceVersion from the server's counter, in load order;
 * a missing uid and creationTimestamp are filled in (counter uid, the start of the simulation);
 * spec defaulting (apps/v1 and core/v1) is applied, as the API server would have stored it.
 */
export function loadFixture(core: SimulationCore, fixture: ClusterFixture): void {
  const fixtureObject = fixture as unknown;
  if (fixtureObject === null || typeof fixtureObject !== 'object' || Array.isArray(fixtureObject))
    throw new SimulationError('BadRequest', 'fixture: Invalid value: must be an object', { path: 'fixture' });
  for (const key of Object.keys(fixture))
    if (!(key in SECTIONS))
      throw new SimulationError('BadRequest', `fixture: strict decoding error: unknown field "${key}"`, {
        path: key,
      });
  const namespaces = new Set(core.store.namespaces.keys());
  const admitted: { section: Section; object: Namespace | Node | DaemonSet | ControllerRevision | Pod }[] =
    [];
  const keys = new Set<string>();
  for (const section of ORDER) {
    const list = fixture[section];
    if (list === undefined) continue;
    if (!Array.isArray(list))
      throw new SimulationError('BadRequest', `fixture.${section}: Invalid value: must be a list`, {
        path: section,
      });
    list.forEach((raw: unknown, i: number) => {
      const at = `${section}[${i}]`;
      const object = admit(core, section, raw, at, namespaces, (k) => keys.has(`${section} ${k}`));
      const key = `${section} ${objectKey(object.metadata)}`;
      if (keys.has(key) || (section === 'namespaces' && core.store.getNamespace(object.metadata.name)))
        fail(
          'AlreadyExists',
          at,
          `${SECTIONS[section].kind.toLowerCase()}s "${object.metadata.name}" already exists`,
          'metadata.name',
        );
      keys.add(key);
      if (section === 'namespaces') namespaces.add(object.metadata.name);
      admitted.push({ section, object });
    });
  }
  const stored = admitted.map(({ object }) => {
    const stamped = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: core.context.nextResourceVersion() },
    } as typeof object;
    put(core.store, stamped);
    if (core.cache !== core.store) put(core.cache, stamped);
    return stamped;
  });
  for (const object of stored)
    if (object.kind !== 'Namespace') listed(core, object.kind, objectKey(object.metadata), object);
}

function put(
  store: SimulationCore['store'],
  object: Namespace | Node | DaemonSet | ControllerRevision | Pod,
): void {
  switch (object.kind) {
    case 'Namespace':
      return store.putNamespace(object);
    case 'Node':
      return store.putNode(object);
    case 'DaemonSet':
      return store.putDaemonSet(object);
    case 'ControllerRevision':
      return store.putRevision(object);
    case 'Pod':
      return store.putPod(object);
  }
}

function fail(
  code: SimulationError['code'],
  at: string,
  message: string,
  path: string | undefined,
  causes: readonly FieldError[] = [],
): never {
  throw new SimulationError(code, `fixture.${at}: ${message}`, {
    path: path === undefined || path === '' ? at : `${at}.${path}`,
    causes,
  });
}

function admit(
  core: SimulationCore,
  section: Section,
  raw: unknown,
  at: string,
  namespaces: ReadonlySet<string>,
  taken: (key: string) => boolean,
): Namespace | Node | DaemonSet | ControllerRevision | Pod {
  const { apiVersion, kind } = SECTIONS[section];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return fail('BadRequest', at, `Object 'Kind' is missing in manifest: not a JSON object`, undefined);
  const given = raw as { apiVersion?: unknown; kind?: unknown };
  if ((given.apiVersion ?? apiVersion) !== apiVersion || (given.kind ?? kind) !== kind)
    return fail(
      'BadRequest',
      at,
      `Invalid value: ${JSON.stringify(`${String(given.apiVersion)} ${String(given.kind)}`)}: ${section} holds ${apiVersion} ${kind}`,
      'kind',
    );
  let decoded: unknown;
  try {
    decoded = decodeManifest({ ...raw, apiVersion, kind }, { fieldValidation: 'Strict' }).manifest;
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    return fail(error.code, at, error.message, error.path, error.causes);
  }
  const o = decoded as { metadata?: meta.ObjectMeta; spec?: unknown; status?: unknown };
  const namespaced = section !== 'nodes' && section !== 'namespaces';
  const m: meta.ObjectMeta = {
    ...o.metadata,
    ...(namespaced ? { namespace: o.metadata?.namespace || 'default' } : {}),
  };
  // As the API server names an object from generateName (retried while taken).
  if ((m.name ?? '') === '' && (m.generateName ?? '') !== '') {
    do m.name = generateName(m.generateName!, core.rng);
    while (taken(`${m.namespace ?? ''}/${m.name}`));
  }
  const invalid = (causes: readonly FieldError[]): never =>
    fail(
      'Invalid',
      at,
      formatInvalidError(
        kind,
        section === 'daemonSets' || section === 'controllerRevisions' ? 'apps' : '',
        m.name ?? '',
        causes,
      ),
      undefined,
      causes,
    );
  const metaErrors = validateObjectMeta(
    m,
    namespaced,
    'metadata',
    section === 'namespaces' ? 'label' : 'subdomain',
  );
  if (metaErrors.length > 0) invalid(metaErrors);
  if (namespaced && !namespaces.has(m.namespace!))
    fail('NotFound', at, `namespaces "${m.namespace}" not found`, 'metadata.namespace');
  const stored = {
    ...m,
    name: m.name!,
    uid: m.uid || core.context.nextUid(),
    resourceVersion: '',
    creationTimestamp: m.creationTimestamp ?? toTimestamp(core.clock),
  };
  const guard = (check: () => void): void => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof SimulationError)) throw error;
      fail(error.code, at, error.message, undefined, error.causes);
    }
  };
  switch (section) {
    case 'namespaces':
      return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { ...stored, labels: { ...m.labels, 'kubernetes.io/metadata.name': stored.name } },
        spec: (o.spec as k8s.NamespaceSpec | undefined) ?? { finalizers: ['kubernetes'] },
        status: (o.status as k8s.NamespaceStatus | undefined) ?? { phase: 'Active' },
      };
    case 'nodes': {
      const node = {
        apiVersion: 'v1' as const,
        kind: 'Node' as const,
        metadata: stored,
        spec: (o.spec as k8s.NodeSpec | undefined) ?? {},
        status: (o.status as k8s.NodeStatus | undefined) ?? {},
      };
      guard(() => assertValidNode(node));
      return node;
    }
    case 'daemonSets': {
      const spec = defaultDaemonSet((o.spec as apps.DaemonSetSpec | undefined) ?? ({} as apps.DaemonSetSpec));
      guard(() => assertValidDaemonSet({ metadata: m, spec }));
      const generation = m.generation ?? 1;
      return {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: {
          ...stored,
          namespace: m.namespace!,
          generation,
          annotations: { [DEPRECATED_TEMPLATE_GENERATION]: '1', ...m.annotations },
        },
        spec,
        status: {
          currentNumberScheduled: 0,
          desiredNumberScheduled: 0,
          numberMisscheduled: 0,
          numberReady: 0,
          ...(o.status as apps.DaemonSetStatus | undefined),
        },
      };
    }
    case 'controllerRevisions': {
      const r = decoded as { revision?: number; data?: unknown };
      if (r.revision === undefined) invalid([required('revision')]);
      return {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: { ...stored, namespace: m.namespace! },
        revision: r.revision!,
        data: (r.data ?? {}) as NonNullable<ControllerRevision['data']>,
      };
    }
    case 'pods': {
      const given = o.spec as k8s.PodSpec | undefined;
      if (given === undefined || (given.containers ?? []).length === 0)
        invalid([required('spec.containers')]);
      const spec = defaultPodSpec(given!);
      const specErrors = validatePodSpec(spec, 'spec');
      if (specErrors.length > 0) invalid(specErrors);
      const status = (o.status as k8s.PodStatus | undefined) ?? {};
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { ...stored, namespace: m.namespace! },
        spec,
        status: { phase: 'Pending', qosClass: qosClassOf(spec), ...status },
      };
    }
  }
}
