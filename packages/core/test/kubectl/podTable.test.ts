import { describe, expect, it } from 'vitest';
import { podStatusReason, podTable, summarizePod } from '../../src/kubectl/podTable.js';
import { printTable } from '../../src/kubectl/table.js';
import { MINUTE, toTimestamp } from '../../src/model/time.js';
import { pod } from './fixtures.js';

const NOW = 10 * MINUTE;
const running = { running: { startedAt: toTimestamp(0) } };

describe('podTable', () => {
  it('prints a running daemon pod as kubectl get pods does', () => {
    const p = pod('foo-x7k2p', 0, {
      phase: 'Running',
      containerStatuses: [{ ready: true, state: running }],
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(printTable(podTable([p], NOW))).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE\nfoo-x7k2p   1/1     Running   0          10m\n',
    );
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide, <none> when unset', () => {
    const p = pod('foo-x7k2p', 0, { phase: 'Pending' });
    expect(printTable(podTable([p], NOW), { wide: true })).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n' +
        'foo-x7k2p   0/1     Pending   0          10m   <none>   <none>   <none>           <none>\n',
    );
  });

  it('counts true readiness gates and shows the first pod IP and the bound node', () => {
    const p = pod('g', 0, {
      phase: 'Running',
      nodeName: 'node-1',
      conditions: [{ type: 'example.com/gate', status: 'True' }],
    });
    const withGates = {
      ...p,
      spec: {
        ...p.spec,
        readinessGates: [{ conditionType: 'example.com/gate' }, { conditionType: 'example.com/other' }],
      },
      status: { ...p.status, podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }, { ip: 'fd00::5' }] },
    };
    expect(podTable([withGates], NOW).rows[0]?.cells.slice(5)).toEqual([
      '10.1.0.5',
      'node-1',
      '<none>',
      '1/2',
    ]);
  });

  it('marks finished pods with the Completed row condition', () => {
    const done = podTable(
      [
        pod('a', 0, { phase: 'Succeeded' }),
        pod('b', 0, { phase: 'Failed' }),
        pod('c', 0, { phase: 'Running' }),
      ],
      NOW,
    ).rows;
    expect(done.map((r) => r.conditions)).toEqual([
      [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ],
      [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
      undefined,
    ]);
  });
});

describe('pod STATUS', () => {
  const status = (p: Parameters<typeof pod>[2]) => podStatusReason(pod('p', 0, p), NOW);

  it('starts from the phase, or the pod reason when set', () => {
    expect(status({ phase: 'Pending' })).toBe('Pending');
    expect(status({ phase: 'Failed', reason: 'Evicted' })).toBe('Evicted');
    expect(status({ phase: 'Failed', reason: 'NodeAffinity' })).toBe('NodeAffinity');
  });

  it('shows SchedulingGated for a gated pod', () => {
    expect(
      status({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
    ).toBe('SchedulingGated');
  });

  it('shows the waiting reason of a container', () => {
    expect(
      status({
        phase: 'Pending',
        containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
    ).toBe('ContainerCreating');
    expect(
      status({
        phase: 'Running',
        containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      }),
    ).toBe('CrashLoopBackOff');
  });

  it('lets the lowest-index container with a reason win', () => {
    expect(
      status({
        phase: 'Pending',
        containerStatuses: [
          { state: { waiting: { reason: 'ImagePullBackOff' } } },
          { state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      }),
    ).toBe('ImagePullBackOff');
  });

  it('shows terminated reasons, signals and exit codes', () => {
    expect(
      status({
        phase: 'Failed',
        containerStatuses: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      }),
    ).toBe('Error');
    expect(
      status({ phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 137 } } }] }),
    ).toBe('ExitCode:137');
    expect(
      status({ phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 0, signal: 9 } } }] }),
    ).toBe('Signal:9');
    expect(
      status({
        phase: 'Succeeded',
        containerStatuses: [{ state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      }),
    ).toBe('Completed');
  });

  it('turns Completed back into Running or NotReady while another container still runs', () => {
    const containers = [
      { state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { ready: true, state: running },
    ];
    expect(
      status({
        phase: 'Running',
        containerStatuses: containers,
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
    ).toBe('Running');
    expect(status({ phase: 'Running', containerStatuses: containers })).toBe('NotReady');
  });

  it("shows a failed container's reason over Completed (upstream PR 124766)", () => {
    expect(
      status({
        phase: 'Failed',
        containerStatuses: [
          { state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { state: { terminated: { exitCode: 1, reason: 'Error' } } },
        ],
      }),
    ).toBe('Error');
  });

  it('reports init containers as Init:<reason>, Init:ExitCode:N or Init:i/n', () => {
    const init = [{ name: 'i0' }, { name: 'i1' }];
    expect(
      status({
        phase: 'Pending',
        initContainers: init,
        initContainerStatuses: [{ state: { waiting: { reason: 'PodInitializing' } } }],
      }),
    ).toBe('Init:0/2');
    expect(
      status({
        phase: 'Pending',
        initContainers: init,
        initContainerStatuses: [{ state: { terminated: { exitCode: 0 } } }, { state: running }],
      }),
    ).toBe('Init:1/2');
    expect(
      status({
        phase: 'Pending',
        initContainers: init,
        initContainerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }],
      }),
    ).toBe('Init:ImagePullBackOff');
    expect(
      status({
        phase: 'Failed',
        initContainers: init,
        initContainerStatuses: [{ state: { terminated: { exitCode: 2 } } }],
      }),
    ).toBe('Init:ExitCode:2');
    expect(
      status({
        phase: 'Failed',
        initContainers: init,
        initContainerStatuses: [{ state: { terminated: { exitCode: 2, signal: 15 } } }],
      }),
    ).toBe('Init:Signal:15');
    expect(
      status({
        phase: 'Failed',
        initContainers: init,
        initContainerStatuses: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      }),
    ).toBe('Init:Error');
  });

  it('counts started sidecar init containers as ready containers and moves on', () => {
    const p = pod('p', 0, {
      phase: 'Running',
      initContainers: [{ name: 'i0', restartPolicy: 'Always' }],
      initContainerStatuses: [{ started: true, ready: true, state: running }],
      containerStatuses: [{ ready: true, state: running }],
      conditions: [{ type: 'Initialized', status: 'True' }],
    });
    const summary = summarizePod(p, NOW);
    expect([`${summary.readyContainers}/${summary.totalContainers}`, summary.status]).toEqual([
      '2/2',
      'Running',
    ]);
  });

  it('shows Terminating for a deleted pod that has not finished, and Unknown for NodeLost', () => {
    expect(status({ phase: 'Running', deletedAt: MINUTE })).toBe('Terminating');
    expect(status({ phase: 'Succeeded', deletedAt: MINUTE })).toBe('Succeeded');
    expect(status({ phase: 'Running', reason: 'NodeLost', deletedAt: MINUTE })).toBe('Unknown');
  });
});

describe('pod RESTARTS', () => {
  it('sums restart counts and shows how long ago the last one was', () => {
    const p = pod('p', 0, {
      phase: 'Running',
      containerStatuses: [
        {
          restartCount: 2,
          ready: true,
          state: running,
          lastState: { terminated: { exitCode: 1, finishedAt: toTimestamp(6 * MINUTE) } },
        },
        {
          restartCount: 1,
          ready: true,
          state: running,
          lastState: { terminated: { exitCode: 1, finishedAt: toTimestamp(8 * MINUTE) } },
        },
      ],
    });
    expect(summarizePod(p, NOW).restartsText).toBe('3 (2m ago)');
  });

  it('shows a bare count when no termination time is known', () => {
    const p = pod('p', 0, {
      phase: 'Running',
      containerStatuses: [{ restartCount: 6, ready: true, state: running }],
    });
    expect(summarizePod(p, NOW).restartsText).toBe('6');
  });

  it('counts only init-container restarts while the pod is initialising', () => {
    const p = pod('p', 0, {
      phase: 'Pending',
      initContainers: [{ name: 'i0' }],
      initContainerStatuses: [{ restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      containerStatuses: [{ restartCount: 9 }],
    });
    expect([summarizePod(p, NOW).status, summarizePod(p, NOW).restartsText]).toEqual([
      'Init:CrashLoopBackOff',
      '4',
    ]);
  });
});
