import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkthrough } from './walkthrough.js';

describe('lesson 1: the EKS walkthrough', () => {
  // The transcript is what `pnpm demo` prints; it must not change unless we mean it to.
  it('prints exactly the committed transcript, identical on every run', () => {
    const expected = readFileSync(new URL('./expected-output.txt', import.meta.url), 'utf8');
    expect(walkthrough()).toBe(expected);
    expect(walkthrough()).toBe(expected);
  });

  it('shows kube-proxy gone and aws-node on the two remaining nodes at the end', () => {
    const last = walkthrough().split('$ kubectl get ds -n kube-system').at(-1)!;
    expect(last).toContain('aws-node   2         2         2       2            2');
    expect(last).not.toContain('kube-proxy');
  });
});
