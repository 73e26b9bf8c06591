// What the real kubectl 1.32 prints for what daemonsim does not simulate: kinds other than the
// served ones (Deployment, Service) and the container streams (exec, attach, port-forward).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster } from '../../src/apiserver/index.js';
import type { KubectlCluster } from './kubectlHarness.js';
import { startKubectlCluster } from './kubectlHarness.js';

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

let cluster: KubectlCluster;
let server: ApiServer;
let dir: string;
const kubectl = (...args: string[]): ReturnType<KubectlCluster['kubectlResult']> =>
  cluster.kubectlResult(...args);

function proxyPod(): string {
  const key = [...server.simulation.snapshot().pods.keys()].find((k) =>
    k.startsWith('kube-system/kube-proxy-'),
  );
  return key!.slice('kube-system/'.length);
}

beforeAll(async () => {
  cluster = await startKubectlCluster('unsupported', createDefaultCluster(), { speed: 20 });
  ({ server, dir } = cluster);
  writeFileSync(join(dir, 'deployment.yaml'), DEPLOYMENT);
  writeFileSync(join(dir, 'service.yaml'), SERVICE);
});

afterAll(() => cluster?.close());

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
