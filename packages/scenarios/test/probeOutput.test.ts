import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../src/index.js';
import { probedAgentYaml } from './probedAgentYaml.js';

const yaml = (behaviour: string): string =>
  probedAgentYaml({
    name: 'failing-probe',
    behaviour,
    probes: 'readinessProbe: { exec: { command: [cat, /tmp/ready] } }',
    duration: '1m',
  });

describe("a scenario's failing readiness probe", () => {
  it("answers with the image behaviour's probeOutput in the kubelet's Unhealthy event", () => {
    const { simulation } = runScenario(
      parseScenario(yaml(`{ ready: false, probeOutput: "cat: /tmp/ready: No such file or directory" }`)),
    );
    const events = [...simulation.view.events()].filter((e) => e.reason === 'Unhealthy');
    expect(events.map((e) => [e.type, e.message])).toEqual([
      ['Warning', 'Readiness probe failed: cat: /tmp/ready: No such file or directory'],
    ]);
  });

  it('rejects a probeOutput that is not a string, naming the field', () => {
    expect(() => runScenario(parseScenario(yaml('{ ready: false, probeOutput: 5 }')))).toThrow(
      'options.images["example.com/agent:1.0"].probeOutput: Invalid value: 5: must be a string',
    );
  });
});
