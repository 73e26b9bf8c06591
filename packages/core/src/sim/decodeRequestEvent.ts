import { decodeManifest } from '../api/decodeManifest.js';
import { decodeWithSchema } from '../api/decodeObject.js';
import type { FieldValidation } from '../api/decodeObject.js';
import { formatFieldError, formatInvalidError, notSupported } from '../api/fieldError.js';
import { kubernetesOpenApi } from '../api/openapi/kubernetesOpenApi.js';
import type { OpenApiSchema } from '../api/openapi/kubernetesOpenApi.js';
import { strictDecodingError, strictErrorPath } from '../api/decodeManifest.js';
import { SimulationError } from '../errors.js';
import type { SimEvent } from './simEvent.js';

const defs = kubernetesOpenApi.definitions;
const prop = (definition: string, name: string): OpenApiSchema => {
  const schema = defs[definition]?.properties?.[name];
  if (schema === undefined)
    throw new Error(`decodeRequestEvent: no ${definition}.${name} in the OpenAPI document`);
  return schema;
};
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const NODE_SPEC = 'io.k8s.api.core.v1.NodeSpec';
const STRING: OpenApiSchema = { type: 'string' };
const NULLABLE_STRING_MAP = {
  type: 'object',
  additionalProperties: { type: 'string', 'x-daemonsim-nullable': true },
} as OpenApiSchema;

// daemonsim's own request shapes, typed field by field with upstream's schemas of the same fields.
const NODE_INPUT: OpenApiSchema = {
  type: 'object',
  properties: {
    name: prop(META, 'name'),
    labels: prop(META, 'labels'),
    annotations: prop(META, 'annotations'),
    taints: prop(NODE_SPEC, 'taints'),
    unschedulable: prop(NODE_SPEC, 'unschedulable'),
    capacity: prop('io.k8s.api.core.v1.NodeStatus', 'capacity'),
    internalIP: prop('io.k8s.api.core.v1.NodeAddress', 'address'),
  },
};
const NODE_CHANGE: OpenApiSchema = {
  type: 'object',
  properties: {
    labels: NULLABLE_STRING_MAP,
    annotations: NULLABLE_STRING_MAP,
    addTaints: prop(NODE_SPEC, 'taints'),
    removeTaints: {
      type: 'array',
      items: { type: 'object', properties: { key: STRING, effect: STRING } },
    },
    unschedulable: prop(NODE_SPEC, 'unschedulable'),
  },
};
const EVENT_FIELDS: Readonly<Record<string, OpenApiSchema>> = {
  NodeRemoved: { type: 'object', properties: { type: STRING, name: STRING } },
  DaemonSetDeleted: {
    type: 'object',
    properties: { type: STRING, namespace: STRING, name: STRING, propagationPolicy: STRING },
  },
  PodDeleted: {
    type: 'object',
    properties: {
      type: STRING,
      namespace: STRING,
      name: STRING,
      gracePeriodSeconds: prop('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', 'gracePeriodSeconds'),
      force: { type: 'boolean' },
    },
  },
};

/** Every simulator event type, for the error that names an unknown one. */
const EVENT_TYPES = [
  'ContainerBackedOff',
  'ContainerExited',
  'ContainerKilled',
  'ContainerProbed',
  'ContainerRestarted',
  'ContainerStarted',
  'DaemonSetDeleted',
  'DaemonSetSync',
  'GarbageCollectorSync',
  'ImagePullBackedOff',
  'ImagePullRetried',
  'ManifestApplied',
  'NodeAdded',
  'NodeConditionSet',
  'NodeHealthChecked',
  'NodeHeartbeatsResumed',
  'NodeHeartbeatsStopped',
  'NodeRemoved',
  'NodeUpdated',
  'PodDeleted',
  'PodGCPeriod',
  'PodReady',
  'PodTerminated',
  'ReadinessProbeFailed',
  'SchedulingAttempted',
  'TaintEvictionDue',
  'WatchDelivered',
] as const satisfies readonly SimEvent['type'][];
const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
const POLICIES = ['Foreground', 'Background', 'Orphan'];

/**
 * Decodes an event a caller hands `Simulation.schedule`, as the API server decodes a request: a
 * manifest against its kind's upstream schema ({@link decodeManifest}), a node's input and change
 * against upstream's schemas of the same fields, a delete's options typed and its propagation
 * policy one of upstream's; an unknown event type is rejected. Returns the decoded copy to queue.
 * Throws `SimulationError('BadRequest')` (or `Invalid` for a propagation policy, as upstream's
 * `ValidateDeleteOptions`) naming the field. `fieldValidation` is what unknown fields do.
 * Upstream counterpart: the request decode of the create, update and delete handlers.
 */
export function decodeRequestEvent(event: SimEvent, fieldValidation: FieldValidation): SimEvent {
  const raw = event as unknown as { type?: unknown } | null;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new SimulationError('BadRequest', 'event: Invalid value: must be an object with a type', {
      path: 'type',
    });
  if (typeof raw.type !== 'string' || !KNOWN_TYPES.has(raw.type)) {
    const cause = notSupported('type', raw.type, EVENT_TYPES);
    throw new SimulationError('BadRequest', formatFieldError(cause), { causes: [cause] });
  }
  switch (event.type) {
    case 'ManifestApplied':
      return {
        type: 'ManifestApplied',
        manifest: decodeManifest(event.manifest, { fieldValidation }).manifest,
      };
    case 'NodeAdded':
      return {
        type: 'NodeAdded',
        node: decodePart(NODE_INPUT, 'NodeInput', event.node, 'node', fieldValidation) as never,
      };
    case 'NodeUpdated':
      return {
        type: 'NodeUpdated',
        name: decodePart(STRING, 'NodeUpdated', event.name, 'name', fieldValidation) as string,
        change: decodePart(NODE_CHANGE, 'NodeChange', event.change, 'change', fieldValidation) as never,
      };
    case 'DaemonSetDeleted': {
      const decoded = decodePart(
        EVENT_FIELDS.DaemonSetDeleted!,
        'DaemonSetDeleted',
        event,
        '',
        fieldValidation,
      ) as {
        propagationPolicy?: string;
      };
      if (!POLICIES.includes(decoded.propagationPolicy ?? '')) {
        const cause = notSupported('propagationPolicy', decoded.propagationPolicy ?? '', POLICIES);
        throw new SimulationError(
          'Invalid',
          formatInvalidError('DeleteOptions', 'meta.k8s.io', '', [cause]),
          {
            causes: [cause],
          },
        );
      }
      return decoded as SimEvent;
    }
    case 'NodeRemoved':
    case 'PodDeleted':
      return decodePart(EVENT_FIELDS[event.type]!, event.type, event, '', fieldValidation) as SimEvent;
    default:
      return event;
  }
}

function decodePart(
  schema: OpenApiSchema,
  structName: string,
  value: unknown,
  path: string,
  fieldValidation: FieldValidation,
): unknown {
  const prefix = (p: string | undefined): string | undefined =>
    path === '' ? p : p === undefined || p === '' ? path : `${path}.${p}`;
  let decoded;
  try {
    decoded = decodeWithSchema(schema, structName, value);
  } catch (error) {
    if (error instanceof SimulationError && path !== '') {
      const at = prefix(error.path);
      throw new SimulationError(error.code, error.message, {
        ...(at === undefined ? {} : { path: at }),
        causes: error.causes,
      });
    }
    throw error;
  }
  if (fieldValidation === 'Strict' && decoded.strictErrors.length > 0) {
    const errors = decoded.strictErrors.map((e) =>
      path === '' ? e : e.replace(/^(\w+ field) "/, `$1 "${path}.`),
    );
    const at = strictErrorPath(errors[0]!);
    throw new SimulationError(
      'BadRequest',
      strictDecodingError(errors),
      at === undefined ? {} : { path: at },
    );
  }
  return decoded.value;
}
