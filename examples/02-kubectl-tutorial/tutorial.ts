// Lesson 2: the DaemonSet tutorial, word for word, with the real kubectl against daemonsim serve.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefaultCluster, startApiServer } from '@daemonsim/server';

const MANIFEST = fileURLToPath(new URL('./monitoring-daemon.yaml', import.meta.url));
/** A klog header's date and time (`I1207 14:02:03.012000`), which the served cluster's wall clock sets. */
const KLOG_DATE = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}/gm;
const NEW_NODE = 'ip-192-168-75-33.us-west-2.compute.internal';

/**
 * Starts the two-node EKS cluster on a random port with a paused clock, runs the tutorial's
 * kubectl commands with the real kubectl, and returns the transcript: each command, then what
 * kubectl printed (stdout, then stderr). Deterministic: the clock moves only by explicit advances.
 */
export async function tutorial(): Promise<string> {
  const simulation = createDefaultCluster();
  // The cluster settled a few seconds in; start the lesson five minutes after EKS installed it.
  simulation.runUntil(5 * 60 * 1000);
  const server = await startApiServer(simulation, { port: 0, paused: true });
  const home = mkdtempSync(join(tmpdir(), 'daemonsim-lesson-'));
  const kubeconfig = join(home, 'kubeconfig');
  const nodeFile = join(home, 'node.json');
  writeFileSync(nodeFile, JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: NEW_NODE } }));
  server.kubeconfig(kubeconfig);
  let transcript = '';
  const run = (args: readonly string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(
        'kubectl',
        ['--kubeconfig', kubeconfig, ...args],
        { env: { ...process.env, HOME: home }, timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error !== null && (error as { code?: unknown }).code === 'ENOENT')
            reject(
              new Error(
                'kubectl is not installed: this lesson needs the real kubectl 1.32 (apt-get install -y kubectl)',
              ),
            );
          else resolve(stdout + stderr);
        },
      );
    });
  const kubectl = async (command: string, grep?: string): Promise<string> => {
    const shown = command.replace(MANIFEST, 'monitoring-daemon.yaml').replace(nodeFile, 'node.json');
    let out = await run(command.split(' '));
    if (grep !== undefined)
      out = out
        .split('\n')
        .filter((l) => l.includes(grep))
        .map((l) => `${l}\n`)
        .join('');
    transcript += `$ kubectl ${shown}${grep === undefined ? '' : ` | grep ${grep}`}\n${out}\n`;
    return out;
  };
  const advance = (duration: string, ms: number): void => {
    server.advance(ms);
    transcript += `$ daemonsim advance ${duration}\n\n`;
  };
  try {
    await kubectl('get ds -n kube-system');
    // kubectl describe computes ages from its own clock; past ten minutes they print in whole
    // minutes, so a slow machine's extra second cannot change the transcript.
    advance('10m', 600_000);
    await kubectl('describe ds aws-node -n kube-system');
    await kubectl('get pods -n kube-system', 'proxy');
    // The tutorial keeps the first kube-proxy pod's name in a shell variable.
    const jsonpath = 'get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath={.items[0].metadata.name}';
    const proxyPod1 = await run(jsonpath.split(' '));
    transcript += `$ proxy_pod_1=$(kubectl ${jsonpath.replace('jsonpath=', "jsonpath='")}')\n\n`;
    // klog dates each line on the server's clock, today's date: masked so the transcript stays fixed.
    const logs = (await run(['logs', '-n', 'kube-system', proxyPod1])).replace(
      KLOG_DATE,
      '$1MMDD hh:mm:ss.uuuuuu',
    );
    transcript += `$ kubectl logs -n kube-system $proxy_pod_1\n${logs}\n`;
    await kubectl(`apply -f ${MANIFEST}`);
    await kubectl('get ds');
    advance('30s', 30_000);
    await kubectl('get ds');
    await kubectl('get pods -o wide');
    await kubectl('delete ds monitoring-daemon');
    advance('1m', 60_000);
    await kubectl('get pods');
    // A node joins and leaves while kubectl watches the kube-system pods.
    transcript += '$ kubectl get pods -n kube-system -w &\n\n';
    const watch = watchKubeSystemPods(kubeconfig, home, simulation);
    await watch.listed();
    await kubectl(`create -f ${nodeFile}`);
    advance('30s', 30_000);
    await kubectl(`get pods -n kube-system -o wide --field-selector spec.nodeName=${NEW_NODE}`);
    await kubectl(`delete node ${NEW_NODE}`);
    advance('1m', 60_000);
    transcript += `$ kill %1\n${await watch.stop()}\n`;
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
  return transcript;
}

/**
 * Starts `kubectl get pods -n kube-system -w` in the background. `listed()` waits until it has
 * printed the pods it listed first; `stop()` waits until it has shown a row for every kube-system pod event the
 * API server sent since it started, ends it, and returns all it printed, so the transcript
 * never depends on timing.
 */
function watchKubeSystemPods(
  kubeconfig: string,
  home: string,
  simulation: ReturnType<typeof createDefaultCluster>,
): { listed(): Promise<void>; stop(): Promise<string> } {
  const initial = simulation.view.allPods().filter((p) => p.metadata.namespace === 'kube-system').length;
  let events = 0;
  const unwatch = simulation.watch((e) => {
    if (e.kind === 'Pod' && e.object.metadata.namespace === 'kube-system') events++;
  });
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', 'kube-system', '-w'], {
    env: { ...process.env, HOME: home },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.on('error', (error) => (out += `${error.message}\n`));
  const printed = (): number => out.split('\n').length - 2; // less the header and the open last line
  const rows = async (n: number): Promise<void> => {
    for (let i = 0; i < 400 && printed() < n; i++) await new Promise((r) => setTimeout(r, 25));
    if (printed() < n) throw new Error(`kubectl get pods -w printed ${printed()} rows, not ${n}:\n${out}`);
  };
  return {
    listed: () => rows(initial),
    async stop() {
      try {
        await rows(initial + events);
      } finally {
        unwatch();
        child.kill();
      }
      return out;
    },
  };
}
