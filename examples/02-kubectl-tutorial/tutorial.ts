// Lesson 2: the DaemonSet tutorial, word for word, with the real kubectl against daemonsim serve.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefaultCluster, startApiServer } from '@daemonsim/server';

const MANIFEST = fileURLToPath(new URL('./monitoring-daemon.yaml', import.meta.url));
/** A klog header's date and time (`I1207 14:02:03.012000`), which the served cluster's wall clock sets. */
const KLOG_DATE = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}/gm;

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
  const kubectl = async (command: string, grep?: string, mask?: RegExp): Promise<string> => {
    const shown = command.replace(MANIFEST, 'monitoring-daemon.yaml');
    let out = await run(command.split(' '));
    if (mask !== undefined) out = out.replace(mask, '$1MMDD hh:mm:ss.uuuuuu');
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
    const proxies = await kubectl('get pods -n kube-system', 'proxy');
    const pod = proxies.split(/\s+/)[0] ?? 'kube-proxy';
    // klog dates each line on the server's clock, today's date: masked so the transcript stays fixed.
    await kubectl(`logs -n kube-system ${pod}`, undefined, KLOG_DATE);
    await kubectl(`apply -f ${MANIFEST}`);
    await kubectl('get ds');
    advance('30s', 30_000);
    await kubectl('get ds');
    await kubectl('get pods -o wide');
    await kubectl('delete ds monitoring-daemon');
    advance('1m', 60_000);
    await kubectl('get pods');
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
  return transcript;
}
