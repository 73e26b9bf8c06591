import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../src/index.js';
import { thrown } from './thrown.js';

const text = `
name: broken-node-watch
seed: 3
options:
  observation: informer
faults:
  - rule: nodes
    watch: Node
    fault: break
    enabled: false
  - rule: slow-pods
    watch: Pod
    fault: delay
    probability: 0.5
    delayMs: {min: 100, max: 900}
steps:
  - kind: addNodes
    count: 2
  - kind: apply
    manifests: |
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec: {containers: [{name: a, image: agent}]}
  - kind: advance
    duration: 10s
  - kind: enableFault
    rule: nodes
  - kind: addNodes
    count: 1
  - kind: advance
    duration: 5s
  - kind: expect
    daemonSet: {name: agent, nodeCount: 2}
  - kind: disableFault
    rule: nodes
  - kind: runUntilQuiet
  - kind: expect
    daemonSet: {name: agent, nodeCount: 3}
`;

describe('watch faults in scenario YAML', () => {
  it('a node added while the node watch is broken gets its daemon pod only after the relist', () => {
    const result = runScenario(parseScenario(text));
    expect(result.traceText).toMatch(/WatchEventDropped Node node-3 ADDED rv=\d+ \[fault nodes\]/);
    expect(result.traceText).toContain('WatchRelisted Node added=node-3');
    expect(result.traceText).toMatch(
      /WatchEventDelayed Pod default\/agent-\w+ \w+ rv=\d+ \+\d+ms \[fault slow-pods\]/,
    );
  });

  it('a bad watch rule is refused with a field error naming the field and the rule', () => {
    expect(thrown(() => parseScenario(text.replace('watch: Node', 'watch: Nodes'))).message).toBe(
      'faults[0].watch: Unsupported value: "Nodes": supported values: "Pod", "Node", "DaemonSet", "ControllerRevision"',
    );
    expect(thrown(() => parseScenario(text.replace('fault: break', 'fault: drop'))).message).toBe(
      'faults[0].fault: Unsupported value: "drop": supported values: "break", "delay"',
    );
    expect(
      thrown(() => parseScenario(text.replace('delayMs: {min: 100, max: 900}', 'delayMs: 5'))).message,
    ).toBe('faults[1].delayMs: Invalid value: 5: must be an object with min and max in ms');
    expect(thrown(() => parseScenario(text.replace('max: 900', 'max: -1'))).message).toBe(
      'faults[1].delayMs.max: Invalid value: -1: must be a whole number of ms, greater than or equal to 0',
    );
    expect(thrown(() => parseScenario(text.replace('    enabled: false\n', '    verb: get\n'))).message).toBe(
      'faults[0].verb: Forbidden: unknown field; supported fields: "rule", "watch", "fault", "probability", "nth", "delayMs", "enabled"',
    );
    expect(
      thrown(() => runScenario(parseScenario(text.replace('observation: informer', 'observation: instant'))))
        .message,
    ).toBe(
      'createSimulation: faults[0].watch: Forbidden: watch faults need observation: informer (under instant observation the controllers read the store, with no watch)',
    );
  });
});
