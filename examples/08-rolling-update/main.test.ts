import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lesson } from './lesson.js';

describe('lesson 8: rolling update and rollback', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson().output;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('keeps one ControllerRevision per template, renumbering a template that comes back', () => {
    const { snapshot } = lesson();
    const revisions = [...snapshot.controllerRevisions.values()].map((r) => r.revision).sort();
    // Four templates (v1.16, v1.17, v1.18, v1.19); the two rollbacks renumbered v1.17 and v1.16.
    expect(revisions).toEqual([3, 4, 5, 6]);
  });

  it('ends with the one deleted pod on the OnDelete template and the others untouched', () => {
    const { snapshot } = lesson();
    const images = [...snapshot.pods.values()]
      .map((p) => `${p.spec.nodeName ?? ''}=${p.spec.containers[0]!.image ?? ''}`)
      .sort();
    expect(images).toEqual([
      'worker-1=fluent/fluentd:v1.16-1',
      'worker-2=fluent/fluentd:v1.19-1',
      'worker-3=fluent/fluentd:v1.16-1',
    ]);
  });
});
