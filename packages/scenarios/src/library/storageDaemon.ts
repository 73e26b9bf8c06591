import type { Scenario } from '../scenario.js';

/** A storage daemon that runs only where `storage=ssd`, through required node affinity. */
export const STORAGE_DAEMON_MANIFEST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ceph-osd
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: ceph-osd
  template:
    metadata:
      labels:
        app: ceph-osd
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: storage
                operator: In
                values: [ssd]
      containers:
      - name: osd
        image: quay.io/ceph/ceph:v19
`;

/**
 * A storage daemon on labelled nodes only: labelling a node adds a pod, removing the label
 * deletes it (the node no longer matches, so the pod may not stay).
 */
export const storageDaemon: Scenario = {
  name: 'storage-daemon',
  description: 'ceph-osd follows the storage=ssd label',
  seed: 3,
  steps: [
    { kind: 'addNodes', count: 2, namePrefix: 'disk-', labels: { storage: 'ssd' } },
    { kind: 'addNodes', count: 2, namePrefix: 'compute-' },
    { kind: 'apply', manifests: STORAGE_DAEMON_MANIFEST },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'ceph-osd',
        namespace: 'kube-system',
        nodes: ['disk-1', 'disk-2'],
        status: { desiredNumberScheduled: 2, numberReady: 2 },
      },
    },
    { kind: 'labelNode', node: 'compute-1', labels: { storage: 'ssd' } },
    { kind: 'labelNode', node: 'disk-2', labels: { storage: null } },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'ceph-osd',
        namespace: 'kube-system',
        nodes: ['compute-1', 'disk-1'],
        notOnNodes: ['disk-2'],
        status: { desiredNumberScheduled: 2, numberReady: 2 },
      },
    },
    {
      kind: 'print',
      resource: 'pods',
      namespace: 'kube-system',
      wide: true,
      description: 'compute-1 gained storage=ssd and disk-2 lost it',
    },
  ],
};
