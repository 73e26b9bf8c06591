import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../src/index.js';

const nodes = (count: number, more = ''): string =>
  `name: big\nsteps:\n  - kind: addNodes\n    count: ${count}\n${more}`;

describe('scenario limits', () => {
  it('answers a node count past the limit at once, naming the field, instead of running for ever', () => {
    expect(() => parseScenario(nodes(100_000_000))).toThrow(
      'steps[0].count: Invalid value: 100000000: must be less than or equal to 100000 (the scenario limit maxNodes; ' +
        'a caller that means it raises it with the limits option: 100000 nodes in all, 0 added before this step)',
    );
  });

  it('counts the nodes of every addNodes step together, names as well as counts', () => {
    const text = nodes(99_999, '  - kind: addNodes\n    names: [a, b]\n');
    expect(() => parseScenario(text)).toThrow(
      /^steps\[1\]\.names: Invalid value: 2: must be less than or equal to 1 /,
    );
    expect(parseScenario(text, { maxNodes: 100_001 }).steps).toHaveLength(2);
  });

  it('bounds the number of steps', () => {
    const steps = Array.from({ length: 11 }, () => ({ kind: 'advance', duration: '1s' }));
    expect(() => runScenario({ name: 'long', steps } as never, { limits: { maxSteps: 10 } })).toThrow(
      'steps: Invalid value: 11: must have at most 10 items (the scenario limit maxSteps; a caller that means it raises it with the limits option)',
    );
    expect(runScenario({ name: 'long', steps } as never, { limits: { maxSteps: 11 } }).steps).toHaveLength(
      11,
    );
  });
});
