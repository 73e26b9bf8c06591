import { readFileSync, writeFileSync } from 'node:fs';
import { explainPlacement } from '@daemonsim/core';
import { describe, expect, it } from 'vitest';
import { lesson } from './lesson.js';

describe('lesson 4: taints and tolerations', () => {
  // The transcript is what the lesson prints; it must not change unless we mean it to (UPDATE_GOLDEN=1).
  it('prints exactly the committed transcript', () => {
    const golden = new URL('./expected-output.txt', import.meta.url);
    const output = lesson().output;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('explains each placement by the taint and the toleration that decided it', () => {
    const { snapshot } = lesson();
    const node = (name: string) => snapshot.nodes.get(name)!;
    const ds = (name: string) => snapshot.daemonSets.get(`default/${name}`)!;
    expect(explainPlacement(node('gpu-1'), ds('node-agent')).shouldRun).toBe(false);
    expect(explainPlacement(node('gpu-1'), ds('gpu-plugin')).taints[0]).toMatchObject({ automatic: false });
    const maintenance = explainPlacement(node('worker-2'), ds('node-agent'));
    expect(maintenance).toMatchObject({ shouldRun: false, shouldContinueRunning: false });
    const notReady = explainPlacement(node('worker-1'), ds('node-agent'));
    expect(notReady.shouldContinueRunning).toBe(true);
    expect(notReady.taints.filter((t) => t.automatic).map((t) => t.taint.key)).toContain(
      'node.kubernetes.io/not-ready',
    );
  });
});
