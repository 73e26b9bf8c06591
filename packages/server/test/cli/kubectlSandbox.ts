import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/index.js';
import { runCli } from '../../src/cli/index.js';

/** What a test writes to and reads from while `daemonsim serve` runs in-process. */
export interface CliOutput {
  stdout: string;
  stderr: string;
}

/** A temporary HOME and kubeconfig shared by daemonsim and the real kubectl, and the calls that use them. */
export interface KubectlSandbox {
  dir: string;
  kubeconfig: string;
  /** The CLI's io: appends to `out`; `interrupted` plays SIGTERM. */
  io: (out: CliOutput, interrupted: Promise<void>) => CliIo;
  /** Runs the real kubectl against the sandbox's kubeconfig; rejects with its stderr. */
  kubectl: (...args: string[]) => Promise<string>;
  /**
   * Starts `daemonsim serve FILE FLAGS --port 0 --paused --kubeconfig ...` in-process and waits for
   * its "Press Ctrl-C" line (throws what it wrote to stderr instead); `stop()` plays SIGTERM and
   * answers its exit code.
   */
  serve: (file: string, ...flags: string[]) => Promise<{ stop: () => Promise<number> }>;
}

/**
 * A sandbox for an end-to-end test of `daemonsim serve` against the real kubectl, under a fresh
 * temporary directory named from `prefix` and removed after the file's tests (it registers the
 * `afterAll`, so call it at the top level of a test file).
 */
export function kubectlSandbox(prefix: string): KubectlSandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const kubeconfig = join(dir, 'kubeconfig');
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir };

  const io = (out: CliOutput, interrupted: Promise<void>): CliIo => ({
    stdout: (t: string) => (out.stdout += t),
    stderr: (t: string) => (out.stderr += t),
    stderrIsTTY: false,
    interrupted: () => interrupted,
    env,
  });

  const kubectl = (...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile('kubectl', args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
        if (error !== null)
          reject(new Error(`kubectl ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      });
    });

  const serve = async (file: string, ...flags: string[]) => {
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    const out = { stdout: '', stderr: '' };
    const serving = runCli(
      ['serve', file, ...flags, '--port', '0', '--paused', '--kubeconfig', kubeconfig],
      io(out, stopped),
    );
    for (let i = 0; i < 500 && !out.stdout.includes('Press Ctrl-C'); i++) {
      if (out.stderr !== '') throw new Error(out.stderr);
      await new Promise((r) => setTimeout(r, 20));
    }
    return {
      stop: () => {
        release();
        return serving;
      },
    };
  };

  return { dir, kubeconfig, io, kubectl, serve };
}
