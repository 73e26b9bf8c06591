import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../src/index.js';
import { probedAgentYaml } from './probedAgentYaml.js';

const yaml = (
  behaviour: string,
  probes = 'livenessProbe: { exec: { command: [cat, /tmp/healthy] } }',
): string => probedAgentYaml({ name: 'failing-liveness', behaviour, probes, duration: '2m' });

const field = 'options.images["example.com/agent:1.0"]';

describe("a scenario's image that fails its liveness or startup probe", () => {
  it('liveFor: the liveness probe passes that long after every start, then the kubelet kills and restarts the container', () => {
    const { simulation } = runScenario(
      parseScenario(yaml(`{ liveFor: 30s, probeOutput: "cat: /tmp/healthy: No such file or directory" }`)),
    );
    const events = [...simulation.view.events()];
    expect(
      events
        .filter((e) => e.reason === 'Unhealthy' || e.reason === 'Killing')
        .map((e) => [e.type, e.message]),
    ).toEqual([
      ['Warning', 'Liveness probe failed: cat: /tmp/healthy: No such file or directory'],
      ['Normal', 'Container agent failed liveness probe, will be restarted'],
    ]);
    expect(simulation.view.allPods()[0]!.status.containerStatuses![0]!.restartCount).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('started: false: the startup probe never succeeds and the kubelet restarts the container', () => {
    const { simulation } = runScenario(
      parseScenario(yaml('{ started: false }', 'startupProbe: { tcpSocket: { port: 8080 } }')),
    );
    const killing = [...simulation.view.events()].filter((e) => e.reason === 'Killing');
    expect(killing.map((e) => e.message)).toEqual([
      'Container agent failed startup probe, will be restarted',
    ]);
  });

  it('rejects a live or started that is not a boolean, a bad liveFor or startupDelay, and either duration beside its boolean, naming the field', () => {
    const run = (behaviour: string) => () => runScenario(parseScenario(yaml(behaviour)));
    expect(run('{ live: "no" }')).toThrow(`${field}.live: Invalid value: "no": must be a boolean`);
    expect(run('{ started: 0 }')).toThrow(`${field}.started: Invalid value: 0: must be a boolean`);
    expect(run('{ liveFor: banana }')).toThrow(`${field}.liveFor: Invalid value: "banana"`);
    expect(run('{ startupDelay: -5s }')).toThrow(`${field}.startupDelay: Invalid value: "-5s"`);
    expect(run('{ live: false, liveFor: 30s }')).toThrow(
      `${field}.liveFor: Forbidden: may not be set together with live`,
    );
    expect(run('{ started: true, startupDelay: 30s }')).toThrow(
      `${field}.startupDelay: Forbidden: may not be set together with started`,
    );
  });
});
