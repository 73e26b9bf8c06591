import type * as core from 'kubernetes-types/core/v1.js';
import type * as meta from 'kubernetes-types/meta/v1.js';
import { SimulationError } from '../errors.js';
import type { FieldError } from '../errors.js';
import { canonicalJson } from './canonicalJson.js';
import { duplicate, formatInvalidError, GoValue, goQuote, invalid } from './fieldError.js';
import { isValidIP, isValidLabelValue } from './stringFormats.js';
import { validateLabelName } from './validateLabels.js';
import { validateObjectMeta } from './validateName.js';
import { validateTaintEffect } from './validatePodSpec.js';

/** The parts of a Node that validation reads. */
export interface NodeInput {
  readonly metadata?: meta.ObjectMeta | undefined;
  readonly spec?: core.NodeSpec | undefined;
  readonly status?: { readonly addresses?: readonly core.NodeAddress[] } | undefined;
}

/**
 * Errors that make the API server reject a Node: metadata (a DNS-subdomain name, no namespace,
 * valid labels) and taints (qualified-name keys, label-syntax values, a known effect, unique by
 * key and effect).
 * Mirrors `ValidateNode` and `validateNodeTaints` (pkg/apis/core/validation/validation.go).
 * Deviation: pod CIDRs, provider ID and config source are not validated; the `InternalIP` and
 * `ExternalIP` addresses must be IPs (`IsValidIP`'s message), which upstream leaves to the kubelet
 * that reports them; daemonsim takes them from its input and gives them to host-network pods.
 */
export function validateNode(node: NodeInput): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false);
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((taint, i) => {
    const idx = `spec.taints[${i}]`;
    errs.push(...validateLabelName(taint.key, `${idx}.key`));
    const value = taint.value ?? '';
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(`${idx}.value`, value, msgs.join(';')));
    errs.push(...validateTaintEffect(taint.effect ?? '', false, `${idx}.effect`));
    const id = JSON.stringify([taint.key, taint.effect ?? '']);
    if (seen.has(id)) {
      errs.push(duplicate(idx, taintValue(taint), 'taints must be unique by key and effect pair'));
      return;
    }
    seen.add(id);
  });
  (node.status?.addresses ?? []).forEach((address, i) => {
    if (address.type !== 'InternalIP' && address.type !== 'ExternalIP') return;
    for (const msg of isValidIP(address.address))
      errs.push(invalid(`status.addresses[${i}].address`, address.address, msg));
  });
  return errs;
}

// As the API server prints it (`%#v`, with TimeAdded unset); a set TimeAdded prints as JSON
// because Go would print a pointer address.
function taintValue(taint: core.Taint): GoValue {
  if (taint.timeAdded !== undefined) return new GoValue(taint, canonicalJson(taint));
  return new GoValue(
    taint,
    `core.Taint{Key:${goQuote(taint.key)}, Value:${goQuote(taint.value ?? '')}, Effect:${goQuote(taint.effect)}, TimeAdded:<nil>}`,
  );
}

/**
 * Throws the API server's `Invalid` error (`Node "n" is invalid: ...`) when {@link validateNode} finds problems.
 * Mirrors the create path of `genericregistry.Store` (apiserver/pkg/registry/generic/registry/store.go).
 */
export function assertValidNode(node: NodeInput): void {
  const causes = validateNode(node);
  if (causes.length > 0)
    throw new SimulationError('Invalid', formatInvalidError('Node', '', node.metadata?.name ?? '', causes), {
      causes,
    });
}
