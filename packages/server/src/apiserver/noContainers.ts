import { StatusError } from './status.js';

/** The pod subresources that stream to a running container, which the simulator never has. */
export const CONTAINER_STREAMS: ReadonlySet<string> = new Set(['exec', 'attach', 'portforward']);

/**
 * The answer to `kubectl exec`, `attach` and `port-forward`: 405 MethodNotAllowed with a Status
 * saying why, so kubectl prints `Error from server (MethodNotAllowed): ...` rather than a
 * misleading `create is not supported`.
 * Upstream counterpart: the kubelet's streaming server behind the API server's proxy. Deviation:
 * a real cluster streams (or answers 500 `error dialing backend` when the kubelet is unreachable);
 * daemonsim simulates containers and runs none.
 */
export function noContainers(subresource: string, pod: string): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    `pods/${subresource} is not supported: daemonsim simulates containers and runs none, so there is nothing to exec into, attach to or forward a port to (pod "${pod}")`,
    { name: pod, kind: 'pods' },
  );
}
