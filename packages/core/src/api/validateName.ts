import type * as meta from 'kubernetes-types/meta/v1.js';
import type { FieldError } from '../errors.js';
import { forbidden, invalid, required } from './fieldError.js';
import { isDNS1123Label, isDNS1123Subdomain } from './stringFormats.js';
import { validateAnnotations, validateLabels } from './validateLabels.js';

/**
 * Errors for an object name that must be a DNS subdomain (DaemonSets, Pods, Nodes, ControllerRevisions),
 * reported on `path` (usually `metadata.name`); a missing name is `Required value`.
 * Mirrors `ValidateObjectMeta`'s name branch with `NameIsDNSSubdomain`
 * (apimachinery/pkg/api/validation/objectmeta.go, generic.go).
 * Deviation: `generateName` is not considered; the simulator generates names before validating.
 */
export function validateObjectMetaName(
  name: string | undefined,
  path: string,
  format: 'subdomain' | 'label' = 'subdomain',
): FieldError[] {
  if (name === undefined || name === '') return [required(path, 'name or generateName is required')];
  return (format === 'label' ? isDNS1123Label(name) : isDNS1123Subdomain(name)).map((msg) =>
    invalid(path, name, msg),
  );
}

/**
 * Errors for object metadata: name, namespace (required or forbidden by scope), labels and annotations.
 * A Namespace's name is a DNS label (`nameFormat: 'label'`, upstream's `ValidateNamespaceName`).
 * Mirrors `ValidateObjectMeta` / `ValidateObjectMetaAccessor` (apimachinery/pkg/api/validation/objectmeta.go).
 * Deviation: owner references, finalizers, managed fields and the generation are not checked.
 */
export function validateObjectMeta(
  metadata: meta.ObjectMeta | undefined,
  namespaced: boolean,
  path = 'metadata',
  nameFormat: 'subdomain' | 'label' = 'subdomain',
): FieldError[] {
  const m = metadata ?? {};
  const errs = validateObjectMetaName(m.name, `${path}.name`, nameFormat);
  if (namespaced) {
    if (m.namespace === undefined || m.namespace === '') errs.push(required(`${path}.namespace`));
    else
      errs.push(...isDNS1123Label(m.namespace).map((msg) => invalid(`${path}.namespace`, m.namespace, msg)));
  } else if (m.namespace !== undefined && m.namespace !== '') {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  return errs;
}

/**
 * Errors for a metadata update: name, namespace, uid and creationTimestamp may not change.
 * Mirrors `ValidateObjectMetaUpdate` (apimachinery/pkg/api/validation/objectmeta.go).
 * Deviation: only those four fields are compared.
 */
export function validateObjectMetaUpdate(
  next: meta.ObjectMeta | undefined,
  previous: meta.ObjectMeta | undefined,
  path = 'metadata',
): FieldError[] {
  const n = next ?? {};
  const p = previous ?? {};
  const errs: FieldError[] = [];
  for (const key of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    if ((n[key] ?? '') !== (p[key] ?? ''))
      errs.push(invalid(`${path}.${key}`, n[key] ?? '', 'field is immutable'));
  }
  return errs;
}
