// kubectl explain and field validation end to end with the real kubectl 1.32: the server serves
// upstream's OpenAPI schema, so explain prints upstream's text, and kubectl's default
// `--validate=strict` reaches the server as fieldValidation=Strict.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/apiserver/index.js';
import { createDefaultCluster } from '../../src/apiserver/index.js';
import type { KubectlCluster } from './kubectlHarness.js';
import { startKubectlCluster } from './kubectlHarness.js';

let cluster: KubectlCluster;
let server: ApiServer;
let dir: string;
const kubectl = (...args: string[]): ReturnType<KubectlCluster['kubectlResult']> =>
  cluster.kubectlResult(...args);

const DS = (container: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: typo
  namespace: default
spec:
  selector:
    matchLabels: {app: typo}
  template:
    metadata:
      labels: {app: typo}
    spec:
      containers:
      - ${container}
`;

beforeAll(async () => {
  cluster = await startKubectlCluster('explain', createDefaultCluster(), { speed: 20 });
  ({ server, dir } = cluster);
});

afterAll(() => cluster?.close());

describe('kubectl explain and field validation against daemonsim serve', () => {
  it('explain ds.spec.updateStrategy.rollingUpdate prints upstream’s description and fields', async () => {
    const out = await kubectl('explain', 'ds.spec.updateStrategy.rollingUpdate');
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('GROUP:      apps');
    expect(out.stdout).toContain('KIND:       DaemonSet');
    expect(out.stdout).toContain('FIELD: rollingUpdate <RollingUpdateDaemonSet>');
    expect(out.stdout).toContain('Rolling update config params. Present only if type = "RollingUpdate".');
    expect(out.stdout).toMatch(/maxSurge\s+<IntOrString>/);
    expect(out.stdout).toMatch(/maxUnavailable\s+<IntOrString>/);
  });

  it('explain node.spec.taints lists the taint fields with their required marks', async () => {
    const out = await kubectl('explain', 'node.spec.taints');
    expect(out.stdout).toContain('FIELD: taints <[]Taint>');
    expect(out.stdout).toMatch(/effect\s+<string> -required-/);
  });

  it('apply of an unknown field is a 400 strict decoding error naming the field, and nothing is stored', async () => {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, DS('{name: c, image: nginx, imagee: x}'));
    const out = await kubectl('apply', '-f', file);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
    expect(server.simulation.view.getDaemonSet('default/typo')).toBeUndefined();
  });

  it('--validate=warn stores the object without the field and prints the warning', async () => {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, DS('{name: c, image: nginx, imagee: x}'));
    const out = await kubectl('create', '--validate=warn', '-f', file);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('Warning: unknown field "spec.template.spec.containers[0].imagee"');
    const stored = server.simulation.view.getDaemonSet('default/typo');
    expect(stored?.spec.template.spec?.containers[0]).not.toHaveProperty('imagee');
  });

  it('a number where a label value belongs is a 400 in the decoder’s words', async () => {
    const file = join(dir, 'number.yaml');
    writeFileSync(file, DS('{name: c, image: nginx}').replace('{app: typo}', '{app: 1}'));
    const out = await kubectl('create', '-f', file);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      'json: cannot unmarshal number into Go struct field LabelSelector.spec.selector.matchLabels of type string',
    );
  });
});
