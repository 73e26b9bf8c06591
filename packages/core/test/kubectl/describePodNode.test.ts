import { describe, expect, it } from 'vitest';
import { describeNode } from '../../src/kubectl/describeNode.js';
import { describePod, getPodQOS } from '../../src/kubectl/describePod.js';
import { MINUTE } from '../../src/model/time.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { pod } from './fixtures.js';

function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (let i = 1; i <= 2; i++)
    sim.submit({
      type: 'NodeAdded',
      node: { name: `node-${i}`, capacity: { cpu: '2', memory: '4Gi', pods: '110' } },
    });
  sim.submit({
    type: 'ManifestApplied',
    manifest: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [
              {
                name: 'kube-proxy',
                image: 'kube-proxy:v1',
                ports: [{ containerPort: 8080 }],
                env: [
                  {
                    name: 'NODE_NAME',
                    valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
                  },
                ],
                resources: { requests: { cpu: '100m', memory: '50Mi' }, limits: { memory: '100Mi' } },
              },
            ],
          },
        },
      },
    },
  });
  sim.runUntilQuiet();
  sim.advance(5 * MINUTE);
  return sim;
}

describe('describePod', () => {
  it('prints kubectl describe pod for a running daemon pod', () => {
    const sim = cluster();
    const p = sim.view.getPod('kube-system/kube-proxy-bkrdj');
    if (p === undefined) throw new Error('no pod');
    expect(describePod(p, sim.view.events(), sim.now)).toBe(
      [
        'Name:         kube-proxy-bkrdj',
        'Namespace:    kube-system',
        'Node:         node-2/10.0.0.3',
        'Start Time:   Thu, 01 Jan 2026 00:00:00 +0000',
        'Labels:       controller-revision-hash=c55fb5fb5',
        '              k8s-app=kube-proxy',
        '              pod-template-generation=1',
        'Annotations:  <none>',
        'Status:       Running',
        'IP:           10.244.0.3',
        'IPs:',
        '  IP:           10.244.0.3',
        'Controlled By:  DaemonSet/kube-proxy',
        'Containers:',
        '  kube-proxy:',
        '    Container ID:   containerd://625765b264996c2caa6ce889a82f9ca3c67735e64d08effc0ed201fdfe40e64b',
        '    Image:          kube-proxy:v1',
        '    Image ID:       docker.io/library/kube-proxy@sha256:e0eaffecca3aa8cfd8a78689a1261a925f72f828eb11200ff850f095c1f39982',
        '    Port:           8080/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Thu, 01 Jan 2026 00:00:01 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Limits:',
        '      memory:  100Mi',
        '    Requests:',
        '      cpu:     100m',
        '      memory:  50Mi',
        '    Environment:',
        '      NODE_NAME:  node-2 (v1:spec.nodeName)',
        '    Mounts:       <none>',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:                      <none>',
        `QoS Class:                    ${getPodQOS(p)}`,
        'Node-Selectors:               <none>',
        'Tolerations:                  node.kubernetes.io/disk-pressure:NoSchedule op=Exists',
        '                              node.kubernetes.io/memory-pressure:NoSchedule op=Exists',
        '                              node.kubernetes.io/not-ready:NoExecute op=Exists',
        '                              node.kubernetes.io/pid-pressure:NoSchedule op=Exists',
        '                              node.kubernetes.io/unreachable:NoExecute op=Exists',
        '                              node.kubernetes.io/unschedulable:NoSchedule op=Exists',
        'Events:',
        '  Type    Reason     Age   From               Message',
        '  ----    ------     ----  ----               -------',
        '  Normal  Scheduled  5m6s  default-scheduler  Successfully assigned kube-system/kube-proxy-bkrdj to node-2',
        '  Normal  Pulling    5m5s  kubelet            Pulling image "kube-proxy:v1"',
        '  Normal  Pulled     5m5s  kubelet            Successfully pulled image "kube-proxy:v1" in 1.057s (1.057s including waiting). Image size: 41183368 bytes.',
        '  Normal  Created    5m5s  kubelet            Created container: kube-proxy',
        '  Normal  Started    5m5s  kubelet            Started container kube-proxy',
        '',
      ].join('\n'),
    );
  });

  it('shows a deleted pod as Terminating with how long it lasts', () => {
    const p = { ...pod('p', 0, { phase: 'Running', deletedAt: 0 }) };
    const terminating = { ...p, metadata: { ...p.metadata, deletionGracePeriodSeconds: 30 } };
    expect(describePod(terminating, [], 90_000)).toContain(
      'Status:                    Terminating (lasts 90s)\nTermination Grace Period:  30s\n',
    );
  });

  it('computes the QoS class when the status has none', () => {
    const base = pod('p', 0);
    const withResources = (resources: object) => ({
      ...base,
      spec: { containers: [{ name: 'c', resources }] },
    });
    expect(getPodQOS(base)).toBe('BestEffort');
    expect(getPodQOS(withResources({ requests: { cpu: '100m' } }))).toBe('Burstable');
    expect(
      getPodQOS(
        withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }),
      ),
    ).toBe('Guaranteed');
  });
});

describe('describeNode', () => {
  it('prints kubectl describe node with the non-terminated pods and allocated resources', () => {
    const sim = cluster();
    const node = sim.view.getNode('node-1');
    if (node === undefined) throw new Error('no node');
    expect(describeNode(node, sim.view.allPods(), sim.view.events(), sim.now)).toBe(
      [
        'Name:               node-1',
        'Roles:              <none>',
        'Labels:             kubernetes.io/arch=amd64',
        '                    kubernetes.io/hostname=node-1',
        '                    kubernetes.io/os=linux',
        'Annotations:        <none>',
        'CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000',
        'Taints:             <none>',
        'Unschedulable:      false',
        'Lease:',
        '  HolderIdentity:  node-1',
        '  AcquireTime:     <unset>',
        '  RenewTime:       Thu, 01 Jan 2026 00:00:00 +0000',
        'Conditions:',
        '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
        '  ----             ------  -----------------                 ------------------                ------                       -------',
        '  MemoryPressure   False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
        '  DiskPressure     False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure',
        '  PIDPressure      False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available',
        '  Ready            True    Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady                 kubelet is posting ready status',
        'Addresses:',
        '  InternalIP:  10.0.0.2',
        '  Hostname:    node-1',
        'Capacity:',
        '  cpu:                2',
        '  ephemeral-storage:  100Gi',
        '  memory:             4Gi',
        '  pods:               110',
        'Allocatable:',
        '  cpu:                2',
        '  ephemeral-storage:  100Gi',
        '  memory:             4Gi',
        '  pods:               110',
        'System Info:',
        '  Machine ID:                 ',
        '  System UUID:                ',
        '  Boot ID:                    ',
        '  Kernel Version:             6.1.0-daemonsim',
        '  OS Image:                   daemonsim Linux',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.27',
        '  Kubelet Version:            v1.32.0',
        '  Kube-Proxy Version:         ',
        'Non-terminated Pods:          (1 in total)',
        '  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                ------------  ----------  ---------------  -------------  ---',
        '  kube-system                 kube-proxy-sfqvg    100m (5%)     0 (0%)      50Mi (1%)        100Mi (2%)     5m6s',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests   Limits',
        '  --------           --------   ------',
        '  cpu                100m (5%)  0 (0%)',
        '  memory             50Mi (1%)  100Mi (2%)',
        '  ephemeral-storage  0 (0%)     0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });

  it('lists taints sorted by effect then key and leaves the lease out on request', () => {
    const sim = cluster();
    const node = sim.view.getNode('node-2');
    if (node === undefined) throw new Error('no node');
    const tainted = {
      ...node,
      spec: {
        unschedulable: true,
        taints: [
          { key: 'b', value: 'x', effect: 'NoSchedule' },
          { key: 'a', effect: 'NoSchedule' },
          { key: 'c', effect: 'NoExecute' },
        ],
      },
    };
    const text = describeNode(tainted, [], [], sim.now, { lease: null });
    expect(text).toContain(
      'Taints:             c:NoExecute\n                    a:NoSchedule\n                    b=x:NoSchedule\nUnschedulable:      true\nConditions:\n',
    );
  });
});
