import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, loadState, runCli } from '../../src/cli/index.js';
import { nodeMonitoringAgent, stringifyScenario } from '@daemonsim/scenarios';

const dir = mkdtempSync(join(tmpdir(), 'daemonsim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    interrupted: () => Promise.resolve(),
  });
  return { code, stdout, stderr };
}

const scenarioFile = join(dir, 'monitoring.yaml');
writeFileSync(scenarioFile, stringifyScenario(nodeMonitoringAgent));

describe('the daemonsim command', () => {
  it('has --help on every command', async () => {
    for (const command of [
      [],
      ['run'],
      ['scenarios'],
      ['serve'],
      ['advance'],
      ['node'],
      ['node', 'add'],
      ['node', 'fail'],
      ['get'],
      ['describe'],
      ['logs'],
    ]) {
      const { code, stdout } = await cli(...command, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: daemonsim/);
    }
  });

  it('run prints the trace, and --save writes a state that get, describe and logs read', async () => {
    const state = join(dir, 'state.json');
    const run = await cli('run', scenarioFile, '--save', state);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ManifestApplied DaemonSet monitoring-daemon');
    expect(loadState(readFileSync(state, 'utf8')).snapshot.daemonSets.has('default/monitoring-daemon')).toBe(
      true,
    );
    const get = await cli('get', 'ds', '--state', state);
    expect(get.stdout).toMatch(/^NAME\s+DESIRED.*\nmonitoring-daemon\s+4\s+4\s+4\s+4\s+4\s+<none>\s+\S+\n$/);
    const describe = await cli('describe', 'ds', 'monitoring-daemon', '--state', state);
    expect(describe.stdout).toContain('Desired Number of Nodes Scheduled: 4');
    const pod =
      get.stdout && (await cli('get', 'pods', '--state', state)).stdout.split('\n')[1]!.split(/\s+/)[0]!;
    const logs = await cli('logs', pod, '--state', state);
    expect(logs.stdout).toMatch(
      /^starting monitoring-agent on node \S+ \(10\.0\.\d+\.\d+\)\nmonitoring-agent started: pod default\/monitoring-daemon-\w+ ip 10\.244\.\d+\.\d+\n$/,
    );
    const tail = await cli('logs', pod, '--state', state, '--tail', '1', '--timestamps');
    expect(tail.stdout).toMatch(/^2026-01-01T\S+Z monitoring-agent started: /);
    const missing = await cli('get', 'ds', 'nope', '--state', state);
    expect(missing.code).toBe(EXIT_BAD_INPUT);
    expect(missing.stderr).toBe(
      `error: daemonsets.apps "nope" not found\nhint: list what the state holds: daemonsim get daemonsets --state ${state} -A\n`,
    );
  });

  it("logs --state prints the scenario's log program dated on the state's clock, klog header and --timestamps alike", async () => {
    const file = join(dir, 'klog.yaml');
    writeFileSync(
      file,
      [
        'name: klog-agent',
        'options:',
        '  images:',
        '    example.com/agent:1.0:',
        '      logs:',
        '        - { after: 2s, text: \'I{{klogTime}}       1 main.go:42] "Serving" pod="{{podName}}"\' }',
        'steps:',
        '  - { kind: addNodes, count: 1 }',
        '  - kind: apply',
        '    manifests:',
        '      apiVersion: apps/v1',
        '      kind: DaemonSet',
        '      metadata: { name: agent, namespace: default }',
        '      spec:',
        '        selector: { matchLabels: { app: agent } }',
        '        template:',
        '          metadata: { labels: { app: agent } }',
        '          spec: { containers: [{ name: agent, image: example.com/agent:1.0 }] }',
        '  - { kind: advance, duration: 1h }',
        '',
      ].join('\n'),
    );
    const state = join(dir, 'klog.json');
    expect((await cli('run', file, '--save', state)).code).toBe(0);
    const pod = (await cli('get', 'pods', '--state', state)).stdout.split('\n')[1]!.split(/\s+/)[0]!;
    const logs = await cli('logs', pod, '--state', state, '--timestamps');
    const line =
      /^2026-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d\.\d{6})\d{3}Z I(\d\d)(\d\d) (\d\d:\d\d:\d\d\.\d{6}) {7}1 main\.go:42\] "Serving" pod="(\S+)"\n$/.exec(
        logs.stdout,
      );
    expect(line, logs.stdout).not.toBeNull();
    const [, month, day, time, klogMonth, klogDay, klogTime, podName] = line!;
    expect([klogMonth, klogDay, klogTime, podName]).toEqual([month, day, time, pod]);
    // Two seconds after the container's start as describe shows it (to the second).
    const started = /Started: +(.*)\n/.exec(
      (await cli('describe', 'pod', pod, '--state', state)).stdout,
    )![1]!;
    const written = Date.parse(`2026-${month}-${day}T${time}Z`) - Date.parse(started);
    expect(written).toBeGreaterThanOrEqual(2000);
    expect(written).toBeLessThan(3000);
  });

  it('run --perfetto writes the trace as Chrome trace-event JSON, a process per node', async () => {
    const out = join(dir, 'run.perfetto.json');
    expect((await cli('run', scenarioFile, '--perfetto', out)).code).toBe(0);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as {
      traceEvents: { name: string; ph: string; cat?: string; args?: { name?: string } }[];
    };
    const processes = trace.traceEvents.filter((e) => e.name === 'process_name').map((e) => e.args?.name);
    expect(processes[0]).toBe('simulator');
    expect(processes.length).toBeGreaterThanOrEqual(5);
    expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'pod').length).toBeGreaterThanOrEqual(4);
  });

  it('run --output json prints the final state', async () => {
    const { code, stdout } = await cli('run', scenarioFile, '--output', 'json', '--seed', '7');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).format).toBe('daemonsim-state/v1');
  });

  it('exits 1 with the message on a failed expect, 2 on bad input', async () => {
    const failing = join(dir, 'failing.yaml');
    writeFileSync(
      failing,
      stringifyScenario({
        ...nodeMonitoringAgent,
        steps: [
          ...nodeMonitoringAgent.steps,
          {
            kind: 'expect',
            daemonSet: { name: 'monitoring-daemon', status: { desiredNumberScheduled: 99 } },
          },
        ],
      }),
    );
    const failed = await cli('run', failing);
    expect(failed.code).toBe(EXIT_EXPECTATION_FAILED);
    expect(failed.stderr).toMatch(/^error: steps\[\d+\] \(expect\) failed/);
    expect((await cli('run', join(dir, 'missing.yaml'))).code).toBe(EXIT_BAD_INPUT);
    const malformed = join(dir, 'malformed.yaml');
    writeFileSync(malformed, 'name: x\nsteps: [{kind: teleport}]\n');
    expect((await cli('run', malformed)).code).toBe(EXIT_BAD_INPUT);
    expect((await cli('run', scenarioFile, '--output', 'xml')).code).toBe(EXIT_BAD_INPUT);
    expect((await cli('serve', '--speed', '2', '--paused')).code).toBe(EXIT_BAD_INPUT);
  });

  it('serve writes a kubeconfig with its CA and token and prints how to use it, advance moves its clock', async () => {
    const kubeconfig = join(dir, 'kc.yaml');
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    let stdout = '';
    const serving = runCli(['serve', '--port', '0', '--paused', '--kubeconfig', kubeconfig], {
      stdout: (t) => (stdout += t),
      stderr: () => {},
      stderrIsTTY: false,
      interrupted: () => stopped,
    });
    for (let i = 0; i < 100 && !stdout.includes('export KUBECONFIG='); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(stdout).toContain(`export KUBECONFIG=${kubeconfig}`);
    const written = readFileSync(kubeconfig, 'utf8');
    expect(written).toMatch(/current-context: daemonsim/);
    expect(written).toMatch(/^ {4}certificate-authority-data: [A-Za-z0-9+/=]+$/m);
    expect(written).toMatch(/^ {4}token: [\w-]{43}$/m);
    const url = /listening on (\S+)/.exec(stdout)![1]!;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const untrusted = await cli('advance', '90s', '--server', url);
    expect(untrusted.code).toBe(EXIT_BAD_INPUT);
    expect(untrusted.stderr).toMatch(
      /^error: cannot reach the daemonsim server at https:\S+: .*certificate.*\nhint: the server's certificate is not signed by a CA from --server; use the kubeconfig this daemonsim serve wrote/,
    );
    const advanced = await cli('advance', '90s', '--kubeconfig', kubeconfig);
    expect(advanced.code).toBe(0);
    expect(advanced.stdout).toMatch(/^simulated time is now 2026-01-01T00:01:3\dZ\n$/);
    release();
    expect(await serving).toBe(0);
  });

  it('serve on a non-loopback host needs --allow-remote, and then warns on stderr', async () => {
    const kubeconfig = join(dir, 'remote.yaml');
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    let stdout = '';
    let stderr = '';
    const serving = runCli(
      ['serve', '--port', '0', '--paused', '--host', '0.0.0.0', '--allow-remote', '--kubeconfig', kubeconfig],
      {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        stderrIsTTY: false,
        interrupted: () => stopped,
      },
    );
    for (let i = 0; i < 100 && !stdout.includes('export KUBECONFIG='); i++)
      await new Promise((r) => setTimeout(r, 20));
    release();
    expect(await serving).toBe(0);
    expect(stderr).toBe(
      `daemonsim: warning: serving on 0.0.0.0, reachable beyond this machine: anyone who reaches it with the token in ${kubeconfig} can read and change the cluster\n`,
    );
    expect(stdout).toMatch(/^daemonsim API server listening on https:\/\/127\.0\.0\.1:\d+ /);
  });

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('lists the library, and run and serve take a library scenario by name', async () => {
    const list = await cli('scenarios');
    expect(list.stdout).toMatch(/^NAME\s+STEPS\s+DESCRIPTION\n/);
    expect(list.stdout).toMatch(/\neks-walkthrough\s+\d+\s+kube-proxy and aws-node follow nodes/);
    const byName = await cli('run', 'node-monitoring-agent');
    const byExport = await cli('run', 'nodeMonitoringAgent');
    const byFile = await cli('run', scenarioFile);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(byFile.stdout);
    expect(byExport.stdout).toBe(byFile.stdout);
  });

  it('prints a message and a hint for every error', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['advance', 'banana'],
        /^error: command-argument value 'banana' is invalid for argument 'duration'\. time: invalid duration "banana"\nhint: run 'daemonsim advance --help' for usage\n$/,
      ],
      [
        ['get', 'deployments', '--state', 'f'],
        /^error: the server doesn't have a resource type "deployments"\nhint: daemonsim serves daemonsets \(ds\)/,
      ],
      [
        ['get', 'ds', '--state', join(dir, 'none.json')],
        /^error: \S+none\.json: ENOENT: no such file or directory.*\nhint: write a state with daemonsim run SCENARIO --save FILE/,
      ],
      [
        ['advance', '5s', '--server', 'http://127.0.0.1:1'],
        /^error: cannot reach the daemonsim server at http:\/\/127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1\nhint: is daemonsim serve running\? The address came from --server/,
      ],
      [
        ['advance', '5s', '--kubeconfig', join(dir, 'nokc')],
        /^error: cannot read kubeconfig \S+nokc: ENOENT.*\nhint: daemonsim serve writes one/,
      ],
      [
        ['run', 'teleport'],
        /^error: teleport: no such file, and no library scenario of that name\nhint: name a scenario YAML file, or one of: available-after-min-ready-seconds, cordon-and-drain, /,
      ],
      [
        ['bogus'],
        /^error: unknown command 'bogus'\n\(Did you mean logs\?\)\nhint: run 'daemonsim --help' for usage\n$/,
      ],
      [['serve', '--save-every', '5m'], /^error: --save-every needs --save FILE\nhint: /],
      [
        ['serve', '--port', '0', '--host', '0.0.0.0'],
        /^error: --host 0\.0\.0\.0 is not a loopback address: other machines could reach the cluster's API\nhint: serve on 127\.0\.0\.1 \(the default\), or add --allow-remote to serve on 0\.0\.0\.0 anyway\n$/,
      ],
      [
        ['serve', '--port', '0', '--kubeconfig', join(dir, 'no', 'such', 'dir', 'kc')],
        /^error: cannot write the kubeconfig \S+kc: ENOENT: no such file or directory.*; the server was stopped\nhint: choose a writable path with --kubeconfig FILE\n$/,
      ],
    ];
    for (const [argv, pattern] of cases) {
      const { code, stdout, stderr } = await cli(...argv);
      expect({ argv, code, stdout }).toEqual({ argv, code: EXIT_BAD_INPUT, stdout: '' });
      expect(stderr).toMatch(pattern);
    }
  });

  it('refuses a saved state whose replay does not give back its objects', async () => {
    const state = join(dir, 'replay.json');
    await cli('run', 'node-monitoring-agent', '--save', state);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    const edited = join(dir, 'edited.json');
    const [first] = Object.keys(saved.nodes);
    saved.nodes[first!].metadata.labels.extra = 'x';
    writeFileSync(edited, JSON.stringify(saved));
    const { code, stderr } = await cli(
      'serve',
      '--port',
      '0',
      '--state',
      edited,
      '--kubeconfig',
      join(dir, 'kc2'),
    );
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toMatch(
      /^error: state: replay: Invalid value: replaying it does not give back the saved objects/,
    );
    saved.replay.requests = [{ at: 0, event: { type: 'PodGCPeriod' } }];
    writeFileSync(edited, JSON.stringify(saved));
    expect((await cli('serve', '--port', '0', '--state', edited)).stderr).toMatch(
      /^error: state: replay\.requests\[0\]\.event\.type: Unsupported value: "PodGCPeriod": supported values: "DaemonSetDeleted", /,
    );
  });
});
