// Hostile inputs through the library (Simulation.submit): each is answered with upstream's words
// and leaves the snapshot, RNG, queue and clock exactly as they were.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '@daemonsim/core';
import { Simulation, SimulationError } from '@daemonsim/core';
import { DAEMONSET_CASES, hostileManifest, setAt, validDaemonSet } from './hostileCases.js';
import { fingerprint } from './fingerprint.js';

function cluster(): Simulation {
  const sim = new Simulation({ seed: 8 });
  sim.submit({ type: 'NodeAdded', node: { name: 'node-1' } });
  sim.submit({
    type: 'ManifestApplied',
    manifest: {
      ...validDaemonSet(),
      metadata: { name: 'keep', namespace: 'default', labels: { app: 'hostile' } },
    },
  });
  sim.runUntilQuiet();
  return sim;
}

function rejection(sim: Simulation, event: SimEvent): SimulationError {
  const before = fingerprint(sim);
  let caught: unknown;
  try {
    sim.submit(event);
  } catch (error) {
    caught = error;
  }
  expect(fingerprint(sim)).toBe(before);
  expect(caught).toBeInstanceOf(SimulationError);
  return caught as SimulationError;
}

const cyclic = (): Record<string, unknown> => {
  const a: Record<string, unknown> = { name: 'loop' };
  a.labels = a;
  a.taints = [a, a];
  return a;
};

/** Node and request-event cases that only the library can send. */
const EVENT_CASES: readonly { name: string; event: () => unknown; code: string; message: string }[] = [
  {
    name: 'node taints: {}',
    event: () => ({ type: 'NodeAdded', node: { name: 'n', taints: {} } }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal object into Go struct field NodeInput.taints of type []v1.Taint',
  },
  {
    name: 'node capacity cpu: garbage',
    event: () => ({ type: 'NodeAdded', node: { name: 'n', capacity: { cpu: 'garbage' } } }),
    code: 'BadRequest',
    message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  },
  {
    name: 'node internalIP: not-an-ip',
    event: () => ({ type: 'NodeAdded', node: { name: 'n', internalIP: 'not-an-ip' } }),
    code: 'Invalid',
    message:
      'Node "n" is invalid: status.addresses[0].address: Invalid value: "not-an-ip": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  },
  {
    name: 'a number as a node name',
    event: () => ({ type: 'NodeAdded', node: { name: 42 } }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal number into Go struct field NodeInput.name of type string',
  },
  {
    name: 'a number as a node label value',
    event: () => ({ type: 'NodeAdded', node: { name: 'n', labels: { zone: 1 } } }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal number into Go struct field NodeInput.labels of type string',
  },
  {
    name: 'unschedulable: "yes"',
    event: () => ({ type: 'NodeAdded', node: { name: 'n', unschedulable: 'yes' } }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal string into Go struct field NodeInput.unschedulable of type bool',
  },
  {
    name: 'an unknown node input field',
    event: () => ({ type: 'NodeAdded', node: { name: 'n', lables: {} } }),
    code: 'BadRequest',
    message: 'strict decoding error: unknown field "node.lables"',
  },
  {
    name: 'a cyclic NodeAdded input',
    event: () => ({ type: 'NodeAdded', node: cyclic() }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal object into Go struct field NodeInput.labels of type string',
  },
  {
    name: 'a node label edit of 5',
    event: () => ({ type: 'NodeUpdated', name: 'node-1', change: { labels: { zone: 5 } } }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal number into Go struct field NodeChange.labels of type string',
  },
  {
    name: 'propagationPolicy: Bogus',
    event: () => ({
      type: 'DaemonSetDeleted',
      namespace: 'default',
      name: 'keep',
      propagationPolicy: 'Bogus',
    }),
    code: 'Invalid',
    message:
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan"',
  },
  {
    name: 'gracePeriodSeconds: "now"',
    event: () => ({ type: 'PodDeleted', namespace: 'default', name: 'x', gracePeriodSeconds: 'now' }),
    code: 'BadRequest',
    message: 'json: cannot unmarshal string into Go struct field PodDeleted.gracePeriodSeconds of type int64',
  },
  {
    name: 'an event of unknown type',
    event: () => ({ type: 'Bogus' }),
    code: 'BadRequest',
    message: 'type: Unsupported value: "Bogus": supported values: ',
  },
  {
    name: 'a manifest with a function',
    event: () => ({ type: 'ManifestApplied', manifest: { ...validDaemonSet(), spec: () => 1 } }),
    code: 'BadRequest',
    message: 'spec: Invalid value: "function": is not JSON data',
  },
  {
    name: 'a manifest with NaN',
    event: () => ({
      type: 'ManifestApplied',
      manifest: { ...validDaemonSet(), spec: { minReadySeconds: Number.NaN } },
    }),
    code: 'BadRequest',
    message: 'spec.minReadySeconds: Invalid value: "NaN": must be a finite number',
  },
  {
    name: 'a __proto__ label key',
    event: () => ({
      type: 'ManifestApplied',
      manifest: JSON.parse(
        '{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"p","labels":{"__proto__":"x"}}}',
      ),
    }),
    code: 'BadRequest',
    message: 'metadata.labels.__proto__: Forbidden: key is not allowed',
  },
  {
    name: 'a Namespace named with dots',
    event: () => ({
      type: 'ManifestApplied',
      manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
    }),
    code: 'Invalid',
    message: 'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
  },
  {
    name: 'a Namespace name of 100 characters',
    event: () => ({
      type: 'ManifestApplied',
      manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n'.repeat(100) } },
    }),
    code: 'Invalid',
    message: `Namespace "${'n'.repeat(100)}" is invalid: metadata.name: Invalid value: "${'n'.repeat(100)}": must be no more than 63 bytes`,
  },
];

/** Inputs upstream accepts too, each with the reason. */
const ACCEPTED: readonly { name: string; manifest: () => Record<string, unknown> }[] = [
  // Go reads null as absent for every field.
  {
    name: 'minReadySeconds: null',
    manifest: () => ({
      ...validDaemonSet(),
      spec: { ...(validDaemonSet().spec as object), minReadySeconds: null },
    }),
  },
  // IntOrString takes a percent string; validation accepts 50%.
  {
    name: 'maxUnavailable: "50%"',
    manifest: () => ({
      ...validDaemonSet(),
      spec: {
        ...(validDaemonSet().spec as object),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } },
      },
    }),
  },
  // Quantity.UnmarshalJSON parses a JSON number as the quantity's text.
  {
    name: 'a cpu limit given as the number 2',
    manifest: () => {
      return setAt(validDaemonSet(), 'spec.template.spec.containers.0.resources', { limits: { cpu: 2 } });
    },
  },
  // An empty label value is a valid label value.
  {
    name: 'a label value of ""',
    manifest: () => ({
      ...validDaemonSet(),
      metadata: { name: 'hostile', namespace: 'default', labels: { app: 'hostile', empty: '' } },
    }),
  },
];

describe('hostile inputs through the library', () => {
  it.each(DAEMONSET_CASES)('$name is answered with upstream’s words and changes nothing', (c) => {
    const sim = cluster();
    const error = rejection(sim, { type: 'ManifestApplied', manifest: hostileManifest(c) });
    expect(error.code).toBe(c.code);
    expect(error.message).toBe(c.message);
  });

  it.each(EVENT_CASES)('$name is answered with upstream’s words and changes nothing', (c) => {
    const sim = cluster();
    const error = rejection(sim, c.event() as SimEvent);
    expect(error.code).toBe(c.code);
    if (c.message.endsWith(': ')) expect(error.message.startsWith(c.message)).toBe(true);
    else expect(error.message).toBe(c.message);
  });

  it.each(ACCEPTED)('$name is stored, as upstream stores it', (c) => {
    const sim = cluster();
    sim.submit({ type: 'ManifestApplied', manifest: c.manifest() });
    expect(sim.view.getDaemonSet('default/hostile')).toBeDefined();
  });

  it('drops an unknown field under fieldValidation: Ignore', () => {
    const sim = new Simulation({ seed: 1, fieldValidation: 'Ignore' });
    const m = validDaemonSet();
    (m.spec as Record<string, unknown>).selectr = 1;
    sim.submit({ type: 'ManifestApplied', manifest: m });
    expect(sim.view.getDaemonSet('default/hostile')!.spec).not.toHaveProperty('selectr');
  });

  it('answers matchLabels {app: 1} at decode, so the run no longer hangs', () => {
    const sim = cluster();
    const m = validDaemonSet();
    (m.spec as { selector: unknown }).selector = { matchLabels: { app: 1 } };
    expect(() => sim.submit({ type: 'ManifestApplied', manifest: m })).toThrow(/cannot unmarshal number/);
    expect(sim.runUntilQuiet()).toBe(sim.now);
  });
});

describe('the tally of every hostile library input', () => {
  it('rejects each with a SimulationError that changes nothing, and stores only what upstream stores', () => {
    const inputs = [
      ...DAEMONSET_CASES.map((c) => ({
        name: c.name,
        event: (): unknown => ({ type: 'ManifestApplied', manifest: hostileManifest(c) }),
        accept: false,
      })),
      ...EVENT_CASES.map((c) => ({ name: c.name, event: c.event, accept: false })),
      ...ACCEPTED.map((c) => ({
        name: c.name,
        event: (): unknown => ({ type: 'ManifestApplied', manifest: c.manifest() }),
        accept: true,
      })),
    ];
    const problems: string[] = [];
    const byCode = new Map<string, number>();
    for (const input of inputs) {
      const sim = cluster();
      const before = fingerprint(sim);
      let outcome = 'accepted';
      try {
        sim.submit(input.event() as SimEvent);
        sim.runUntilQuiet();
      } catch (error) {
        outcome = error instanceof SimulationError ? error.code : `raw ${(error as Error).name}`;
        if (fingerprint(sim) !== before) problems.push(`${input.name}: changed state`);
      }
      byCode.set(outcome, (byCode.get(outcome) ?? 0) + 1);
      if ((outcome === 'accepted') !== input.accept) problems.push(`${input.name}: ${outcome}`);
    }
    const accepted = byCode.get('accepted') ?? 0;
    const tally = {
      tried: inputs.length,
      rejected: inputs.length - accepted,
      accepted,
      byCode: Object.fromEntries([...byCode].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    console.info(`hostile library inputs: ${JSON.stringify(tally)}`);
    expect(problems).toEqual([]);
  });
});
