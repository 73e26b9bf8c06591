// daemonsim node add|remove|fail|recover|cordon|uncordon against daemonsim serve, while the real
// kubectl 1.32 watches; then the served state saved on stop and restored by serve --state.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toTimestamp } from '@daemonsim/core';
import { loadState, runCli } from '../../src/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'daemonsim-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kubeconfig = join(dir, 'kubeconfig');
const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir };

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    interrupted: () => Promise.resolve(),
    env,
  });
  return { code, stdout, stderr };
}

/** Starts `daemonsim serve` in-process; `stop()` plays SIGTERM. */
async function serve(...argv: string[]): Promise<{ stop: () => Promise<number>; stdout: () => string }> {
  let release!: () => void;
  const stopped = new Promise<void>((r) => (release = r));
  let stdout = '';
  let stderr = '';
  const serving = runCli(['serve', '--port', '0', '--paused', '--kubeconfig', kubeconfig, ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    interrupted: () => stopped,
    env,
  });
  for (let i = 0; i < 500 && !stdout.includes('Press Ctrl-C'); i++) {
    if (stderr !== '') throw new Error(stderr);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    stop: () => {
      release();
      return serving;
    },
    stdout: () => stdout,
  };
}

function kubectl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('kubectl', args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`kubectl ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function until(read: () => string, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 300 && !pattern.test(read()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(read()).toMatch(pattern);
}

describe('daemonsim node against daemonsim serve', () => {
  it('adds, cordons, fails, recovers and removes a node while kubectl get pods -w sees its daemon pods come and go', async () => {
    const server = await serve();
    const watch = spawn('kubectl', ['get', 'pods', '-n', 'kube-system', '-w', '--output-watch-events'], {
      env,
    });
    let seen = '';
    watch.stdout.on('data', (c: Buffer) => (seen += c.toString()));
    try {
      await until(() => seen, /ADDED\s+kube-proxy-/);
      const add = await cli(
        'node',
        'add',
        'worker-3',
        '--label',
        'role=edge',
        '--cpu',
        '8',
        '--memory',
        '32Gi',
      );
      expect(add).toEqual({ code: 0, stdout: 'node/worker-3 created\n', stderr: '' });
      expect(
        await kubectl(
          'get',
          'node',
          'worker-3',
          '-o',
          'jsonpath={.metadata.labels.role} {.status.capacity.cpu} {.status.capacity.memory}',
        ),
      ).toBe('edge 8 32Gi');
      expect((await cli('advance', '30s')).code).toBe(0);
      const onWorker3 = async (): Promise<string[]> =>
        (
          await kubectl(
            'get',
            'pods',
            '-n',
            'kube-system',
            '--field-selector',
            'spec.nodeName=worker-3',
            '-o',
            'name',
          )
        )
          .trim()
          .split('\n')
          .filter((l) => l !== '');
      const pods = await onWorker3();
      expect(pods.map((p) => p.replace(/-\w{5}$/, '')).sort()).toEqual(['pod/aws-node', 'pod/kube-proxy']);
      for (const pod of pods) await until(() => seen, new RegExp(`ADDED\\s+${pod.slice(4)}\\s`));

      expect((await cli('node', 'cordon', 'worker-3')).stdout).toBe('node/worker-3 cordoned\n');
      expect((await cli('node', 'cordon', 'worker-3')).stdout).toBe('node/worker-3 already cordoned\n');
      expect(await kubectl('get', 'node', 'worker-3', '--no-headers')).toMatch(
        /^worker-3\s+Ready,SchedulingDisabled\s/,
      );
      expect((await cli('node', 'uncordon', 'worker-3')).stdout).toBe('node/worker-3 uncordoned\n');

      const fail = await cli('node', 'fail', 'worker-3');
      expect(fail.code).toBe(0);
      expect(fail.stdout).toMatch(/^node\/worker-3 failed at 2026-01-01T00:00:\d\dZ: its kubelet stopped/);
      await cli('advance', '2m');
      expect(await kubectl('get', 'node', 'worker-3', '--no-headers')).toMatch(/^worker-3\s+NotReady\s/);
      expect((await cli('node', 'recover', 'worker-3')).code).toBe(0);
      await cli('advance', '10s');
      expect(await kubectl('get', 'node', 'worker-3', '--no-headers')).toMatch(/^worker-3\s+Ready\s/);

      expect((await cli('node', 'remove', 'worker-3')).stdout).toBe('node "worker-3" deleted\n');
      // PodGC collects the orphaned pods after its 40 s quarantine.
      await cli('advance', '90s');
      for (const pod of pods) await until(() => seen, new RegExp(`DELETED\\s+${pod.slice(4)}\\s`));
      expect(await onWorker3()).toEqual([]);
    } finally {
      watch.kill();
      expect(await server.stop()).toBe(0);
    }
  });

  it('answers a bad node command with the message and a hint, and changes nothing', async () => {
    const server = await serve();
    try {
      const unknown = await cli('node', 'fail', 'nope');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe(
        'error: nodes "nope" not found\nhint: list what exists with kubectl get nodes (or daemonsim get)\n',
      );
      const invalid = await cli('node', 'add', 'Bad_Name');
      expect(invalid.stderr).toMatch(
        /^error: Node "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
      );
      expect(invalid.stderr).toMatch(/\nhint: correct the value the message names and try again\n$/);
      const taken = await cli('node', 'add', 'ip-192-168-12-201.us-west-2.compute.internal');
      expect(taken.stderr).toMatch(
        /^error: nodes "ip-192-168-12-201.us-west-2.compute.internal" already exists\nhint: the name is taken/,
      );
      const taint = await cli('node', 'add', 'w', '--taint', 'a:Sometimes');
      expect(taint.stderr).toBe(
        "error: option '--taint <key=value:Effect>' argument 'a:Sometimes' is invalid. invalid taint effect: Sometimes, unsupported taint effect\nhint: run 'daemonsim node add --help' for usage\n",
      );
      expect((await kubectl('get', 'nodes', '-o', 'name')).trim().split('\n')).toHaveLength(2);
    } finally {
      await server.stop();
    }
    const gone = await cli('node', 'add', 'w');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(
      /^error: cannot reach the daemonsim server at https:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/,
    );
    expect(gone.stderr).toContain(
      `hint: is daemonsim serve running? The address came from KUBECONFIG=${kubeconfig}`,
    );
  });

  it('comes back with its state: serve --save writes it on stop, serve --state restores it', async () => {
    const state = join(dir, 'state.json');
    const first = await serve('--save', state);
    await cli('node', 'add', 'worker-3', '--taint', 'dedicated=edge:NoSchedule');
    await cli('advance', '45s');
    await cli('node', 'fail', 'worker-3');
    await cli('advance', '15s');
    const podsBefore = await kubectl('get', 'pods', '-A', '-o', 'name');
    expect(await first.stop()).toBe(0);
    expect(first.stdout()).toMatch(/Saved the state at simulated time 2026-01-01T00:01:\d\dZ to /);
    const saved = loadState(readFileSync(state, 'utf8'));
    expect(saved.snapshot.nodes.has('worker-3')).toBe(true);
    expect(saved.state.replay?.requests.map((r) => r.event.type)).toEqual([
      'NodeAdded',
      'NodeHeartbeatsStopped',
    ]);

    const second = await serve('--state', state);
    try {
      expect(second.stdout()).toContain(`Restored ${state} at simulated time ${toTimestamp(saved.time)}.`);
      expect(await kubectl('get', 'pods', '-A', '-o', 'name')).toBe(podsBefore);
      expect(await kubectl('get', 'node', 'worker-3', '-o', 'jsonpath={.spec.taints[0].key}')).toBe(
        'dedicated',
      );
      // The stopped kubelet stays stopped: the node goes NotReady once the grace period is over.
      await cli('advance', '1m');
      expect(await kubectl('get', 'node', 'worker-3', '--no-headers')).toMatch(/^worker-3\s+NotReady\s/);
    } finally {
      await second.stop();
    }
  });
});
