// What the real kubectl 1.32 prints for what daemonsim does not simulate: kinds other than the
// served ones (Deployment, Service) and the container streams (exec, attach, port-forward).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster, startApiServer } from '../../src/apiserver/index.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

let server: ApiServer;
let dir: string;
let kubeconfig: string;

/** Runs kubectl; resolves with its exit code, stdout and stderr whatever the exit code. */
function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, ...args],
      { env: { ...process.env, HOME: dir }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function proxyPod(): string {
  const key = [...server.simulation.snapshot().pods.keys()].find((k) =>
    k.startsWith('kube-system/kube-proxy-'),
  );
  return key!.slice('kube-system/'.length);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daemonsim-unsupported-'));
  kubeconfig = join(dir, 'kubeconfig');
  server = await startApiServer(createDefaultCluster(), { port: 0, speed: 20 });
  server.kubeconfig(kubeconfig);
  writeFileSync(join(dir, 'deployment.yaml'), DEPLOYMENT);
  writeFileSync(join(dir, 'service.yaml'), SERVICE);
});

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('kubectl against what daemonsim does not simulate', () => {
  it('apply, create and replace of a Deployment or a Service say no matches for kind, not failed to download openapi', async () => {
    const events = server.simulation.trace.filter((e) => e.entry === 'event').length;
    for (const verb of ['apply', 'create', 'replace']) {
      const deployment = await kubectl(verb, '-f', join(dir, 'deployment.yaml'));
      expect(deployment.code).toBe(1);
      expect(deployment.stderr).toContain('no matches for kind "Deployment" in version "apps/v1"');
      const service = await kubectl(verb, '-f', join(dir, 'service.yaml'));
      expect(service.code).toBe(1);
      expect(service.stderr).toContain('no matches for kind "Service" in version "v1"');
    }
    const serverSide = await kubectl('apply', '--server-side', '-f', join(dir, 'deployment.yaml'));
    expect(serverSide.stderr).toContain('no matches for kind "Deployment" in version "apps/v1"');
    expect(server.simulation.trace.filter((e) => e.entry === 'event').length).toBe(events);
  });

  it('get of a kind not served says the server does not have the resource type', async () => {
    for (const type of ['deployments', 'services']) {
      const { code, stderr } = await kubectl('get', type);
      expect(code).toBe(1);
      expect(stderr).toBe(`error: the server doesn't have a resource type "${type}"\n`);
    }
  });

  it('exec, attach and port-forward say the simulator runs no containers', async () => {
    const pod = proxyPod();
    for (const [args, subresource] of [
      [['exec', '-n', 'kube-system', pod, '--', 'ls'], 'exec'],
      [['attach', '-n', 'kube-system', pod], 'attach'],
      [['port-forward', '-n', 'kube-system', `pod/${pod}`, '0:80'], 'portforward'],
    ] as const) {
      const { code, stderr } = await kubectl(...args);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `pods/${subresource} is not supported: daemonsim simulates containers and runs none`,
      );
    }
  });
});
