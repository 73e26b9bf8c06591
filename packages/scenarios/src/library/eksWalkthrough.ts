import type { Scenario } from '../scenario.js';

const AFFINITY = `
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: kubernetes.io/os
                operator: In
                values: [linux]
              - key: kubernetes.io/arch
                operator: In
                values: [amd64, arm64]
              - key: eks.amazonaws.com/compute-type
                operator: NotIn
                values: [fargate]`;

/** The two DaemonSets every EKS cluster runs in kube-system, as EKS installs them (trimmed to what placement reads). */
export const EKS_SYSTEM_DAEMONSETS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: aws-node
  namespace: kube-system
  labels:
    app.kubernetes.io/name: aws-node
    k8s-app: aws-node
spec:
  selector:
    matchLabels:
      k8s-app: aws-node
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 10%
  template:
    metadata:
      labels:
        app.kubernetes.io/name: aws-node
        k8s-app: aws-node
    spec:
      priorityClassName: system-node-critical
      hostNetwork: true
      serviceAccountName: aws-node
      tolerations:
      - operator: Exists${AFFINITY}
      containers:
      - name: aws-node
        image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1
        ports:
        - containerPort: 61678
          name: metrics
        resources:
          requests:
            cpu: 25m
      - name: aws-eks-nodeagent
        image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.6-eksbuild.1
        resources:
          requests:
            cpu: 25m
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-proxy
  namespace: kube-system
  labels:
    eks.amazonaws.com/component: kube-proxy
    k8s-app: kube-proxy
spec:
  selector:
    matchLabels:
      k8s-app: kube-proxy
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 10%
  template:
    metadata:
      labels:
        k8s-app: kube-proxy
    spec:
      priorityClassName: system-node-critical
      hostNetwork: true
      serviceAccountName: kube-proxy
      tolerations:
      - operator: Exists${AFFINITY}
      containers:
      - name: kube-proxy
        image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.32.0-minimal-eksbuild.2
        command:
        - kube-proxy
        - --v=2
        - --config=/var/lib/kube-proxy-config/config
        - --hostname-override=$(NODE_NAME)
        resources:
          requests:
            cpu: 100m
`;

const NODE_LABELS = {
  'eks.amazonaws.com/nodegroup': 'ng-default',
  'eks.amazonaws.com/capacityType': 'ON_DEMAND',
  'node.kubernetes.io/instance-type': 'm5.large',
  'topology.kubernetes.io/region': 'us-west-2',
};

const FIRST = 'ip-192-168-12-201.us-west-2.compute.internal';
const SECOND = 'ip-192-168-47-102.us-west-2.compute.internal';
const THIRD = 'ip-192-168-75-33.us-west-2.compute.internal';

/**
 * The EKS walkthrough: a two-node cluster whose kube-system runs `aws-node` and `kube-proxy`;
 * a third node joins and gets both; a node leaves and PodGC collects its pods; `kube-proxy` is
 * deleted and its pods terminate.
 */
export const eksWalkthrough: Scenario = {
  name: 'eks-walkthrough',
  description: 'kube-proxy and aws-node follow nodes as they join and leave an EKS cluster',
  seed: 2026,
  // EKS's VPC CNI: pods get addresses of their node's subnet, not an overlay's.
  options: { podNetwork: 'vpc' },
  steps: [
    {
      kind: 'addNodes',
      names: [FIRST],
      labels: { ...NODE_LABELS, 'topology.kubernetes.io/zone': 'us-west-2a' },
      capacity: { cpu: '2', memory: '7910Mi', pods: '29' },
    },
    {
      kind: 'addNodes',
      names: [SECOND],
      labels: { ...NODE_LABELS, 'topology.kubernetes.io/zone': 'us-west-2b' },
      capacity: { cpu: '2', memory: '7910Mi', pods: '29' },
    },
    { kind: 'apply', description: 'EKS installs its system DaemonSets', manifests: EKS_SYSTEM_DAEMONSETS },
    { kind: 'advance', duration: '5m' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        nodes: [FIRST, SECOND],
        status: { desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 },
      },
    },
    {
      kind: 'expect',
      daemonSet: {
        name: 'aws-node',
        namespace: 'kube-system',
        nodes: [FIRST, SECOND],
        status: { desiredNumberScheduled: 2, numberReady: 2 },
      },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      description: 'Two nodes, five minutes after EKS installed its system DaemonSets',
    },
    { kind: 'print', resource: 'pods', namespace: 'kube-system', wide: true },
    {
      kind: 'addNodes',
      description: 'the node group scales out',
      names: [THIRD],
      labels: { ...NODE_LABELS, 'topology.kubernetes.io/zone': 'us-west-2c' },
      capacity: { cpu: '2', memory: '7910Mi', pods: '29' },
    },
    { kind: 'advance', duration: '30s' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        nodeCount: 3,
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      },
    },
    {
      kind: 'expect',
      daemonSet: {
        name: 'aws-node',
        namespace: 'kube-system',
        nodeCount: 3,
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      description: `A third node joined 30s ago (${THIRD}): each DaemonSet put a pod on it`,
    },
    { kind: 'print', resource: 'pods', namespace: 'kube-system', wide: true },
    { kind: 'removeNodes', description: 'the node group scales in', names: [FIRST] },
    {
      kind: 'print',
      resource: 'pods',
      namespace: 'kube-system',
      wide: true,
      description: `${FIRST} was just deleted: its pods stay until PodGC's 40s quarantine ends`,
    },
    { kind: 'advance', duration: '90s' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        nodes: [SECOND, THIRD],
        status: { desiredNumberScheduled: 2, currentNumberScheduled: 2 },
      },
    },
    { kind: 'expect', pods: { namespace: 'kube-system', node: FIRST, count: 0 } },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      description: '90s later PodGC has collected them, and each DaemonSet counts two nodes again',
    },
    { kind: 'print', resource: 'pods', namespace: 'kube-system', wide: true },
    {
      kind: 'deleteDaemonSet',
      description: 'kubectl delete ds kube-proxy -n kube-system',
      name: 'kube-proxy',
      namespace: 'kube-system',
    },
    {
      kind: 'print',
      resource: 'pods',
      namespace: 'kube-system',
      description:
        '$ kubectl delete ds kube-proxy -n kube-system: the garbage collector deletes its pods, which terminate',
    },
    { kind: 'advance', duration: '35s' },
    {
      kind: 'expect',
      pods: {
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-proxy' },
        includeTerminating: true,
        count: 0,
      },
    },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      description: 'Once the kubelets have stopped them, only aws-node is left',
    },
    { kind: 'print', resource: 'pods', namespace: 'kube-system' },
  ],
};
