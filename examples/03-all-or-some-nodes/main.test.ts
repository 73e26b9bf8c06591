import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lesson } from './lesson.js';

describe('lesson 3: all or some nodes', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson().output;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('places ssd-monitor by label and zone-b-agent by node affinity only', () => {
    const { snapshot } = lesson();
    const nodesOf = (app: string) =>
      [...snapshot.pods.values()]
        .filter((p) => p.metadata.labels?.app === app)
        .map((p) => p.spec.nodeName)
        .sort();
    expect(nodesOf('log-agent')).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(nodesOf('ssd-monitor')).toEqual(['worker-2', 'worker-3']);
    expect(nodesOf('zone-b-agent')).toEqual(['worker-3']);
  });
});
