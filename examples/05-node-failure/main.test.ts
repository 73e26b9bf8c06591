import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lesson } from './lesson.js';

describe('lesson 5: node failure', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson().output;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('lets the taint-eviction controller mark web and PodGC delete both pods of the gone node', () => {
    const { trace } = lesson();
    const writes = trace.filter((e) => e.entry === 'write' && e.kind === 'Pod');
    const by = (key: string, verb: string) =>
      writes
        .filter((e) => e.entry === 'write' && e.key === key && e.verb === verb)
        .map((e) => (e.entry === 'write' ? e.by : ''));
    expect(by('default/web', 'update')).toContain('taint-eviction-controller');
    expect(by('default/web', 'delete')).toEqual(['pod-garbage-collector']);
  });
});
