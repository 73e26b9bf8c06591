// Liveness and startup probes that fail, as the real kubectl 1.32 shows them from daemonsim serve.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { kubectlSandbox } from './kubectlSandbox.js';

const { dir, io, kubeconfig, kubectl, serve } = kubectlSandbox('daemonsim-probes-');

// The liveness walkthrough of the Kubernetes docs (healthy for 30 s, then `cat /tmp/healthy`
// fails; sh as PID 1 ignores SIGTERM), and an app whose startup probe never passes.
const scenario = `name: failing-probes
seed: 3
options:
  images:
    registry.k8s.io/busybox:1.27: { liveFor: 30s, probeOutput: "cat: can't open '/tmp/healthy': No such file or directory", stopLatency: 1m }
    example.com/slow:1.0: { started: false }
steps:
  - { kind: addNodes, count: 1 }
  - kind: apply
    manifests:
      - apiVersion: v1
        kind: Pod
        metadata: { name: liveness-exec, namespace: default }
        spec:
          containers:
            - name: liveness
              image: registry.k8s.io/busybox:1.27
              livenessProbe: { exec: { command: [cat, /tmp/healthy] }, initialDelaySeconds: 5, periodSeconds: 5 }
      - apiVersion: v1
        kind: Pod
        metadata: { name: slow-start, namespace: default }
        spec:
          containers:
            - name: app
              image: example.com/slow:1.0
              startupProbe: { httpGet: { path: /healthz, port: 8080 }, periodSeconds: 10 }
`;

describe('daemonsim serve with failing liveness and startup probes', () => {
  it('shows the Unhealthy and Killing events, the restarts and the exit code 137 in kubectl get and describe', async () => {
    const file = join(dir, 'failing-probes.yaml');
    writeFileSync(file, scenario);
    const served = await serve(file);
    try {
      const advanced = { stdout: '', stderr: '' };
      expect(
        await runCli(['advance', '90s', '--kubeconfig', kubeconfig], io(advanced, Promise.resolve())),
      ).toBe(0);
      const pods = (await kubectl('get', 'pods', '--no-headers')).trim().split('\n');
      // NAME READY STATUS RESTARTS (AGO ago) AGE
      expect(pods[0]).toMatch(/^liveness-exec\s+1\/1\s+Running\s+1 \(1\ds ago\)\s+9\ds$/);
      expect(pods[1]).toMatch(/^slow-start\s+0\/1\s+Running\s+2 \(\d+s ago\)\s+9\ds$/);

      const liveness = await kubectl('describe', 'pod', 'liveness-exec');
      expect(liveness).toMatch(
        / {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}137\n/,
      );
      expect(liveness).toMatch(/Restart Count: {2}1\n/);
      expect(liveness).toMatch(
        /Liveness: {7}exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s #success=1 #failure=3\n/,
      );
      expect(liveness).toMatch(
        /\n {2}Warning {2}Unhealthy {2}\d+s \(x3 over \d+s\) +kubelet +Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory\n/,
      );
      expect(liveness).toMatch(
        /\n {2}Normal {3}Killing {4}\d+s +kubelet +Container liveness failed liveness probe, will be restarted\n/,
      );

      const slow = await kubectl('describe', 'pod', 'slow-start');
      expect(slow).toMatch(
        /Startup: {8}http-get http:\/\/:8080\/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n/,
      );
      expect(slow).toMatch(
        /Warning {2}Unhealthy {2}.*Startup probe failed: HTTP probe failed with statuscode: 503\n/,
      );
      expect(slow).toMatch(/Normal {3}Killing {4}.*Container app failed startup probe, will be restarted\n/);
      const started = await kubectl(
        'get',
        'pod',
        'slow-start',
        '-o',
        'jsonpath={.status.containerStatuses[0].started}',
      );
      expect(started).toBe('false');
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
