// End to end with Debian's python3-kubernetes (`apt-get install -y python3-kubernetes`; .ci/run
// installs it), run by the system Python against the kubeconfig `serve` writes, unedited.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';
import { MONITORING_DAEMON_MANIFEST, parseManifests } from '@daemonsim/scenarios';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./pythonClient.py', import.meta.url));

interface PythonReport {
  host: string;
  verifiesTls: boolean;
  sendsToken: boolean;
  nodes: string[];
  kubeSystemPods: string[];
  created: string;
  watchEvents: [string, string][];
  logLines: number;
  followEnded: boolean;
  followFirstLine: string;
}

let server: ApiServer;
let dir: string;

beforeAll(async () => {
  try {
    execFileSync(PYTHON, ['-c', 'import kubernetes'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'python3-kubernetes is not installed: this end-to-end test needs it (run `apt-get install -y python3-kubernetes`, as .ci/run does)',
    );
  }
  dir = mkdtempSync(join(tmpdir(), 'daemonsim-python-'));
  server = await startApiServer(createDefaultCluster(), { port: 0, speed: 20 });
  server.kubeconfig(join(dir, 'kubeconfig'));
});

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function runPython(): Promise<PythonReport> {
  const manifest = JSON.stringify(parseManifests(MONITORING_DAEMON_MANIFEST)[0]);
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      [SCRIPT, join(dir, 'kubeconfig'), manifest],
      { env: { ...process.env, HOME: dir }, timeout: 50_000 },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`python3 ${SCRIPT} failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as PythonReport);
      },
    );
  });
}

describe('python3-kubernetes against daemonsim serve', () => {
  it('lists, creates a DaemonSet, watches its pods come and go, and follows a log', async () => {
    const report = await runPython();
    expect(report).toMatchObject({ host: server.url, verifiesTls: true, sendsToken: true });
    expect(server.url).toMatch(/^https:/);
    expect(report.nodes).toEqual([
      'ip-192-168-12-201.us-west-2.compute.internal',
      'ip-192-168-47-102.us-west-2.compute.internal',
    ]);
    expect(report.kubeSystemPods).toHaveLength(4);
    expect(report.created).toBe('monitoring-daemon');
    const added = report.watchEvents.filter(([type]) => type === 'ADDED').map(([, name]) => name);
    const deleted = report.watchEvents.filter(([type]) => type === 'DELETED').map(([, name]) => name);
    expect(added).toHaveLength(2);
    for (const name of added) expect(name).toMatch(/^monitoring-daemon-[a-z0-9]{5}$/);
    expect(deleted.sort()).toEqual([...added].sort());
    expect(report.logLines).toBeGreaterThan(0);
    expect(report.followEnded).toBe(false);
    expect(report.followFirstLine).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
  });
});
