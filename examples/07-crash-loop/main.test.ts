import { readFileSync, writeFileSync } from 'node:fs';
import { CRASH_LOOP_MAX_BACKOFF } from '@daemonsim/core';
import { describe, expect, it } from 'vitest';
import { lesson } from './lesson.js';

describe('lesson 7: a crash loop', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson().output;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('restarts the one pod with growing gaps, never beyond the back-off cap, and never replaces it', () => {
    const { trace, snapshot } = lesson();
    const restarts = trace.filter(
      (e) => e.entry === 'write' && e.detail.includes(' restarted restartCount='),
    );
    expect(restarts.length).toBeGreaterThan(3);
    const gaps = restarts.slice(1).map((e, i) => e.at - restarts[i]!.at);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]!);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(CRASH_LOOP_MAX_BACKOFF + 10_000);
    const pods = [...snapshot.pods.values()];
    expect(pods).toHaveLength(1);
    expect(pods[0]!.status.containerStatuses?.[0]?.restartCount).toBe(restarts.length);
  });
});
