import type { Scenario } from '../scenario.js';

const AGENT = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.10' }] },
    },
  },
};

/**
 * A pod's delete lost on a broken watch, healed by the informer's relist: while the pod watch is
 * broken (a `watch: Pod, fault: break` rule), a daemon pod is deleted; the cache still shows it
 * running, so the kubelet (which reads the same cache in this model) does not stop it and the
 * DaemonSet controller replaces nothing. Once the watch fault ends, the reflector relists after
 * its backoff: the cache shows the pod terminating, the kubelet stops it, the delete wakes the
 * DaemonSet and its pass creates the replacement. The perturbation of Sieve
 * (OSDI'22) that loses or coalesces watch events. Upstream counterpart: a reflector whose watch
 * ended, relisting in `ListAndWatch` (client-go's tools/cache/reflector.go).
 */
export const lostPodDelete: Scenario = {
  name: 'lost-pod-delete',
  description:
    "A broken pod watch loses a daemon pod's delete; the DaemonSet controller replaces the pod only after the informer's relist",
  seed: 7,
  options: {
    observation: 'informer',
    latencies: { informer: { min: '20ms', max: '80ms' } },
  },
  faults: [{ rule: 'pod-watch', watch: 'Pod', fault: 'break', enabled: false }],
  steps: [
    { kind: 'addNodes', count: 2 },
    { kind: 'apply', manifests: AGENT },
    { kind: 'advance', duration: '10s' },
    { kind: 'expect', daemonSet: { name: 'agent', status: { numberAvailable: 2 } } },
    {
      kind: 'enableFault',
      rule: 'pod-watch',
      description: "The controllers' pod watch breaks: no pod write reaches their cache",
    },
    {
      kind: 'deletePod',
      name: 'agent-gfll5',
      description: 'A daemon pod is deleted (grace period 30s): the write is dropped',
    },
    { kind: 'advance', duration: '10s' },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description:
        'The pod is terminating in the API server, but the informer cache still shows it running: nobody acts',
    },
    { kind: 'expect', pods: { count: 1 } },
    {
      kind: 'disableFault',
      rule: 'pod-watch',
      description: 'The watch fault ends: the reflector relists after its backoff (800 ms to 1.6 s)',
    },
    { kind: 'advance', duration: '10s' },
    {
      kind: 'print',
      resource: 'pods',
      wide: true,
      description:
        'The relist showed the delete: the kubelet stopped the pod and the DaemonSet controller replaced it',
    },
    { kind: 'expect', pods: { count: 2 } },
    { kind: 'expect', daemonSet: { name: 'agent', nodeCount: 2, status: { numberAvailable: 2 } } },
  ],
};
