import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lesson, runLesson } from './lesson.js';

/** The most pods a node had at once, from the pod creates and deletes of a run's trace. */
function mostPodsOnOneNode(result: ReturnType<typeof runLesson>): number {
  const nodeOf = new Map<string, string>();
  const perNode = new Map<string, number>();
  let most = 0;
  for (const e of result.trace) {
    if (e.entry !== 'write' || e.kind !== 'Pod' || e.by !== 'daemonset-controller') continue;
    if (e.verb === 'create') {
      const node = /node=(\S+)/.exec(e.detail)![1]!;
      nodeOf.set(e.key, node);
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
      most = Math.max(most, perNode.get(node)!);
    } else if (e.verb === 'delete') {
      const node = nodeOf.get(e.key)!;
      perNode.set(node, perNode.get(node)! - 1);
    }
  }
  return most;
}

describe('lesson 9: informer lag and why expectations exist', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('without expectations creates a second pod on a node whose first pod the cache had not shown yet', () => {
    expect(mostPodsOnOneNode(runLesson(false))).toBe(2);
  });

  it('with expectations never creates more than one pod per node', () => {
    expect(mostPodsOnOneNode(runLesson(true))).toBe(1);
  });

  it('delivers every pod create to the cache later than the API server stored it', () => {
    const deliveries = runLesson(true).trace.filter(
      (e) => e.entry === 'event' && e.type === 'WatchDelivered',
    );
    expect(deliveries.length).toBeGreaterThan(0);
    for (const d of deliveries) {
      const written = /written=(\d\d):(\d\d):(\d\d)\.(\d\d\d)/.exec(d.entry === 'event' ? d.detail : '')!;
      const at = ((+written[1]! * 60 + +written[2]!) * 60 + +written[3]!) * 1000 + +written[4]!;
      expect(at).toBeLessThan(d.at);
    }
  });
});
