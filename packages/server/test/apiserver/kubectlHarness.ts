// The harness the kubectl end-to-end tests share: a served simulation, the kubeconfig it writes
// (HTTPS, the run's CA, its bearer token) in a fresh directory, and the real kubectl 1.32 run
// against it with that directory as HOME, so no user's own kubeconfig or cache is read.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulation } from '@daemonsim/core';
import type { ApiServer, ApiServerOptions } from '../../src/apiserver/index.js';
import { startApiServer } from '../../src/apiserver/index.js';

/** What one kubectl run printed, and its exit code (-1 when it was killed). */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A served cluster and the kubectl runs against it, as {@link startKubectlCluster} returns it. */
export interface KubectlCluster {
  readonly server: ApiServer;
  /** The fresh directory: kubectl's HOME, where the kubeconfig and any manifests live. */
  readonly dir: string;
  readonly kubeconfig: string;
  /** Runs kubectl; resolves with stdout and stderr, rejects (with stderr) on a non-zero exit. */
  kubectl(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Runs kubectl; resolves with its exit code, stdout and stderr whatever the exit code. */
  kubectlResult(...args: string[]): Promise<KubectlResult>;
  /** Starts a long-running kubectl (`-w`, `logs -f`); the caller kills it. */
  spawnKubectl(...args: string[]): ChildProcessWithoutNullStreams;
  /** Stops the server and removes the directory. */
  close(): Promise<void>;
}

/** Throws a clear error when kubectl is not on PATH: these tests fail, not skip, without it. */
function requireKubectl(): void {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    throw new Error(
      'kubectl is not installed: these end-to-end tests need the real kubectl 1.32 (run `apt-get install -y kubectl`, as .ci/run does)',
    );
  }
}

/**
 * Serves `simulation` on a free loopback port with `options` (HTTPS and a token, as `daemonsim
 * serve`), writes its kubeconfig into a fresh directory named after `name`, and returns kubectl
 * runners for it.
 */
export async function startKubectlCluster(
  name: string,
  simulation: Simulation,
  options: ApiServerOptions = {},
): Promise<KubectlCluster> {
  requireKubectl();
  const dir = mkdtempSync(join(tmpdir(), `daemonsim-${name}-`));
  const kubeconfig = join(dir, 'kubeconfig');
  const server = await startApiServer(simulation, { port: 0, ...options });
  server.kubeconfig(kubeconfig);
  const env = { ...process.env, HOME: dir, KUBECONFIG: kubeconfig };
  const kubectlResult = (...args: string[]): Promise<KubectlResult> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', kubeconfig, ...args],
        { env, timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
            stdout,
            stderr,
          }),
      );
    });
  return {
    server,
    dir,
    kubeconfig,
    kubectlResult,
    kubectl: async (...args) => {
      const result = await kubectlResult(...args);
      if (result.code !== 0)
        throw new Error(`kubectl ${args.join(' ')} failed with exit code ${result.code}\n${result.stderr}`);
      return { stdout: result.stdout, stderr: result.stderr };
    },
    spawnKubectl: (...args) => spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { env }),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
