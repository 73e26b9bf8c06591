import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type * as apps from 'kubernetes-types/apps/v1.js';
import { defaultDaemonSet, defaultPodSpec } from '../../src/api/defaultDaemonSet.js';
import { defaultPullPolicy } from '../../src/api/defaultPodSpec.js';

function spec(overrides: Partial<apps.DaemonSetSpec> = {}): apps.DaemonSetSpec {
  return {
    selector: { matchLabels: { app: 'x' } },
    template: {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
    ...overrides,
  };
}

describe('defaultDaemonSet', () => {
  it('defaults to RollingUpdate with maxUnavailable 1, maxSurge 0 and a history limit of 10', () => {
    const out = defaultDaemonSet(spec());
    expect(out.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    expect(out.revisionHistoryLimit).toBe(10);
  });

  it('keeps given rolling update values and fills only the missing one', () => {
    const out = defaultDaemonSet(
      spec({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%' } } }),
    );
    expect(out.updateStrategy.rollingUpdate).toEqual({ maxSurge: '10%', maxUnavailable: 1 });
  });

  it('does not add a rollingUpdate block to OnDelete', () => {
    expect(defaultDaemonSet(spec({ updateStrategy: { type: 'OnDelete' } })).updateStrategy).toEqual({
      type: 'OnDelete',
    });
  });

  it('keeps a revision history limit of 0', () => {
    expect(defaultDaemonSet(spec({ revisionHistoryLimit: 0 })).revisionHistoryLimit).toBe(0);
  });

  it('applies the pod defaults to the template', () => {
    const podSpec = defaultDaemonSet(spec()).template.spec;
    expect(podSpec).toEqual({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      containers: [
        {
          name: 'c',
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
        },
      ],
    });
  });

  it('never changes its input', () => {
    const input = spec();
    const before = structuredClone(input);
    defaultDaemonSet(input);
    expect(input).toEqual(before);
  });

  it('is idempotent', () => {
    const strategy = fc.option(
      fc.record(
        {
          type: fc.constantFrom('RollingUpdate', 'OnDelete', ''),
          rollingUpdate: fc.record(
            {
              maxSurge: fc.oneof(fc.nat(5), fc.constant('20%')),
              maxUnavailable: fc.oneof(fc.nat(5), fc.constant('50%')),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    const image = fc.constantFrom(
      'nginx',
      'nginx:latest',
      'nginx:1.2',
      'registry:5000/app',
      'app@sha256:abc',
    );
    fc.assert(
      fc.property(
        strategy,
        fc.option(fc.nat(20), { nil: undefined }),
        image,
        fc.boolean(),
        (updateStrategy, revisionHistoryLimit, img, hostNetwork) => {
          const input = spec();
          if (updateStrategy !== undefined) input.updateStrategy = updateStrategy;
          if (revisionHistoryLimit !== undefined) input.revisionHistoryLimit = revisionHistoryLimit;
          input.template.spec = {
            hostNetwork,
            containers: [{ name: 'c', image: img, ports: [{ containerPort: 8080 }] }],
          };
          const once = defaultDaemonSet(input);
          expect(defaultDaemonSet(once)).toEqual(once);
        },
      ),
    );
  });
});

describe('defaultPodSpec', () => {
  it('copies container ports to host ports under hostNetwork', () => {
    const out = defaultPodSpec({
      hostNetwork: true,
      containers: [{ name: 'c', image: 'i:1', ports: [{ containerPort: 9100 }] }],
    });
    expect(out.containers[0]?.ports).toEqual([{ containerPort: 9100, hostPort: 9100, protocol: 'TCP' }]);
  });

  it('defaults probe timings and the HTTP probe path and scheme', () => {
    const out = defaultPodSpec({
      containers: [{ name: 'c', image: 'i:1', readinessProbe: { httpGet: { port: 8080 } } }],
    });
    expect(out.containers[0]?.readinessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('keeps values that are already set', () => {
    const input = {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'c', image: 'i', imagePullPolicy: 'Never' }],
    };
    const out = defaultPodSpec(input);
    expect(out.restartPolicy).toBe('Never');
    expect(out.terminationGracePeriodSeconds).toBe(0);
    expect(out.containers[0]?.imagePullPolicy).toBe('Never');
  });
});

describe('defaultPullPolicy', () => {
  it('pulls always for the latest tag or no tag, and if not present otherwise', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('registry.example.com:5000/team/app')).toBe('Always');
    expect(defaultPullPolicy('registry.example.com:5000/team/app:v1')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:0123')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx:1.27@sha256:0123')).toBe('IfNotPresent');
  });
});
