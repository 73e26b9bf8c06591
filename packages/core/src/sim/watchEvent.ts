import type { StoredKind, StoredObject } from './simEvent.js';

/**
 * One write as a Kubernetes watch reports it (`watch.Event`): the type and the object after it
 * (or, for DELETED, as it was, stamped with the resourceVersion of its deletion).
 */
export interface WatchEvent {
  readonly kind: StoredKind;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: StoredObject;
}
