import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lesson } from './lesson.js';

describe('lesson 6: deleting a DaemonSet', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson().output;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('has the new orphan-agent adopt the orphaned pods instead of creating new ones', () => {
    const { snapshot, trace } = lesson();
    const ds = snapshot.daemonSets.get('default/orphan-agent')!;
    const pods = [...snapshot.pods.values()];
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod.metadata.ownerReferences?.[0]?.uid).toBe(ds.metadata.uid);
    const created = trace.filter((e) => e.entry === 'write' && e.verb === 'create' && e.kind === 'Pod');
    expect(created).toHaveLength(6);
  });
});
