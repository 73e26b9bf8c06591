// End to end with the real kubectl (1.32, `apt-get install kubectl`; .ci/run installs it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster } from '../../src/apiserver/index.js';
import type { KubectlCluster } from './kubectlHarness.js';
import { startKubectlCluster } from './kubectlHarness.js';
import { MONITORING_DAEMON_MANIFEST } from '@daemonsim/scenarios';

const FIRST = 'ip-192-168-12-201.us-west-2.compute.internal';

let cluster: KubectlCluster;
let server: ApiServer;
let dir: string;
const kubectl = (...args: string[]): ReturnType<KubectlCluster['kubectl']> => cluster.kubectl(...args);

beforeAll(async () => {
  cluster = await startKubectlCluster('e2e', createDefaultCluster(), { speed: 20 });
  ({ server, dir } = cluster);
});

afterAll(() => cluster?.close());

describe('real kubectl against daemonsim serve', () => {
  it('kubectl get ds -n kube-system shows aws-node and kube-proxy on two nodes', async () => {
    const { stdout } = await kubectl('get', 'ds', '-n', 'kube-system');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/,
    );
    expect(lines[1]).toMatch(/^aws-node\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\S+$/);
    expect(lines[2]).toMatch(/^kube-proxy\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\S+$/);
  });

  it('kubectl get pods -A --chunk-size=1 pages with limit and continue and prints every pod once', async () => {
    const whole = await kubectl('get', 'pods', '-A', '--chunk-size=0', '-o', 'name');
    const { stdout, stderr } = await kubectl('get', 'pods', '-A', '--chunk-size=1', '-o', 'name', '-v=6');
    expect(stdout).toBe(whole.stdout);
    expect(whole.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(4);
    expect(stderr).toMatch(/GET https:\/\/127\.0\.0\.1:\d+\/api\/v1\/pods\?limit=1 200 OK/);
    expect(stderr).toMatch(/\/api\/v1\/pods\?continue=[A-Za-z0-9_-]+&limit=1 200 OK/);
  });

  it('kubectl describe ds aws-node -n kube-system', async () => {
    const { stdout } = await kubectl('describe', 'ds', 'aws-node', '-n', 'kube-system');
    expect(stdout).toMatch(/^Name:\s+aws-node$/m);
    expect(stdout).toMatch(/^Selector:\s+k8s-app=aws-node$/m);
    expect(stdout).toContain('Desired Number of Nodes Scheduled: 2');
    expect(stdout).toContain('Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed');
    expect(stdout).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+daemonset-controller\s+Created pod: aws-node-/);
  });

  it('kubectl get pods -n kube-system | grep proxy, then kubectl logs of a kube-proxy pod', async () => {
    const { stdout } = await kubectl('get', 'pods', '-n', 'kube-system');
    const proxies = stdout.split('\n').filter((l) => l.includes('proxy'));
    expect(proxies).toHaveLength(2);
    for (const line of proxies) expect(line).toMatch(/^kube-proxy-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+$/);
    const pod = proxies[0]!.split(/\s+/)[0]!;
    const logs = await kubectl('logs', '-n', 'kube-system', pod);
    expect(logs.stdout).toMatch(/^I\d{4} [\d:.]+ +1 server_linux\.go:66\] "Using iptables proxy"$/m);
    expect(logs.stdout).toMatch(/"Detected node IP" address="192\.168\.\d+\.\d+"/);
    expect(logs.stdout).toContain('Caches are synced for service config');
  });

  it('kubectl apply -f monitoring-daemon.yaml creates the DaemonSet, a second apply configures it', async () => {
    const file = join(dir, 'monitoring-daemon.yaml');
    writeFileSync(file, MONITORING_DAEMON_MANIFEST);
    expect((await kubectl('apply', '-f', file)).stdout).toBe('daemonset.apps/monitoring-daemon created\n');
    writeFileSync(
      file,
      MONITORING_DAEMON_MANIFEST.replace('image: monitoring-agent', 'image: monitoring-agent:v2'),
    );
    expect((await kubectl('apply', '-f', file)).stdout).toBe('daemonset.apps/monitoring-daemon configured\n');
    const { stdout } = await kubectl('get', 'ds', 'monitoring-daemon', '-o', 'wide');
    expect(stdout).toMatch(
      /monitoring-daemon\s+2\s+.*monitoring-agent\s+monitoring-agent:v2\s+app=monitoring-agent/,
    );
  });

  it('kubectl delete ds with each --cascade', async () => {
    for (const cascade of ['background', 'foreground', 'orphan']) {
      const file = join(dir, `${cascade}.yaml`);
      writeFileSync(
        file,
        MONITORING_DAEMON_MANIFEST.replaceAll('monitoring-daemon', `mon-${cascade}`).replaceAll(
          'monitoring-agent\n',
          `agent-${cascade}\n`,
        ),
      );
      await kubectl('apply', '-f', file);
      const { stdout } = await kubectl('delete', 'ds', `mon-${cascade}`, `--cascade=${cascade}`);
      expect(stdout).toBe(`daemonset.apps "mon-${cascade}" deleted\n`);
    }
    const trace = server.simulation.trace
      .filter((e) => e.entry === 'event' && e.type === 'DaemonSetDeleted')
      .map((e) => (e.entry === 'event' ? e.detail : ''));
    expect(trace).toEqual([
      'default/mon-background propagationPolicy=Background',
      'default/mon-foreground propagationPolicy=Foreground',
      'default/mon-orphan propagationPolicy=Orphan',
    ]);
    const { stdout } = await kubectl('get', 'ds');
    expect(stdout).not.toContain('mon-');
  });

  it('kubectl cordon, taint and label a node', async () => {
    expect((await kubectl('cordon', FIRST)).stdout).toBe(`node/${FIRST} cordoned\n`);
    expect((await kubectl('taint', 'nodes', FIRST, 'dedicated=special:NoSchedule')).stdout).toBe(
      `node/${FIRST} tainted\n`,
    );
    expect((await kubectl('label', 'nodes', FIRST, 'disk=ssd')).stdout).toBe(`node/${FIRST} labeled\n`);
    const { stdout } = await kubectl('get', 'nodes', '-l', 'disk=ssd');
    expect(stdout).toMatch(
      new RegExp(`^${FIRST.replaceAll('.', '\\.')}\\s+Ready,SchedulingDisabled\\s+`, 'm'),
    );
    const node = server.simulation.view.getNode(FIRST)!;
    expect(node.spec.taints).toContainEqual({ key: 'dedicated', value: 'special', effect: 'NoSchedule' });
    expect((await kubectl('uncordon', FIRST)).stdout).toBe(`node/${FIRST} uncordoned\n`);
    expect((await kubectl('taint', 'nodes', FIRST, 'dedicated=special:NoSchedule-')).stdout).toBe(
      `node/${FIRST} untainted\n`,
    );
  });

  it('kubectl set image, then rollout status ds/kube-proxy finishes', async () => {
    await kubectl(
      'set',
      'image',
      'ds/kube-proxy',
      '-n',
      'kube-system',
      'kube-proxy=602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.32.1-minimal-eksbuild.1',
    );
    const { stdout } = await kubectl(
      'rollout',
      'status',
      'ds/kube-proxy',
      '-n',
      'kube-system',
      '--timeout=25s',
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('daemon set "kube-proxy" successfully rolled out');
  });

  it('kubectl get nodes -w sees a node join', async () => {
    const child = cluster.spawnKubectl('get', 'nodes', '-w');
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const waitFor = async (text: string): Promise<void> => {
      for (let i = 0; i < 200 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await waitFor(FIRST);
      const manifest = join(dir, 'node.json');
      writeFileSync(
        manifest,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'ip-192-168-75-33.us-west-2.compute.internal' },
        }),
      );
      const { stdout } = await kubectl('create', '-f', manifest);
      expect(stdout.trim()).toBe('node/ip-192-168-75-33.us-west-2.compute.internal created');
      await waitFor('ip-192-168-75-33');
    } finally {
      child.kill();
    }
    expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    expect(out).toMatch(
      /^ip-192-168-75-33\.us-west-2\.compute\.internal\s+Ready\s+<none>\s+0s\s+v1\.\d+\.\d+$/m,
    );
  });

  it('kubectl gets a Status error for an unknown object and kind', async () => {
    await expect(kubectl('get', 'ds', 'nope')).rejects.toThrow('daemonsets.apps "nope" not found');
    await expect(kubectl('get', 'deployments')).rejects.toThrow(
      `the server doesn't have a resource type "deployments"`,
    );
  });
});
