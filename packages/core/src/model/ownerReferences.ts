import type { OwnerReference } from 'kubernetes-types/meta/v1.js';

/** Anything with object metadata that may carry owner references. */
export interface WithOwnerReferences {
  readonly ownerReferences?: readonly OwnerReference[] | undefined;
}

/** The fields of an owner that a controller reference is made from. */
export interface ControllerRefOwner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly uid: string };
}

/**
 * The owner reference marked `controller: true`, or undefined when nothing controls the object.
 * Mirrors `metav1.GetControllerOfNoCopy` (apimachinery pkg/apis/meta/v1/controller_ref.go).
 * Deviation: returns the stored reference itself, not a copy; treat it as read-only.
 */
export function getControllerOf(metadata: WithOwnerReferences): OwnerReference | undefined {
  const refs = metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i] as OwnerReference;
    if (ref.controller === true) return ref;
  }
  return undefined;
}

/**
 * Whether the object's controller reference points at the owner with this UID.
 * Mirrors `metav1.IsControlledBy` (apimachinery pkg/apis/meta/v1/controller_ref.go).
 * Deviation: takes the owner's UID rather than the owner object.
 */
export function isControlledBy(metadata: WithOwnerReferences, uid: string): boolean {
  return getControllerOf(metadata)?.uid === uid;
}

/**
 * A controller owner reference to `owner`, with `controller` and `blockOwnerDeletion` true.
 * Mirrors `metav1.NewControllerRef` (apimachinery pkg/apis/meta/v1/controller_ref.go).
 * Deviation: apiVersion and kind come from the owner object instead of a separate GroupVersionKind.
 */
export function newControllerRef(owner: ControllerRefOwner): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
