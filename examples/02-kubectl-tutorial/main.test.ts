import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tutorial } from './tutorial.js';

describe('lesson 2: the DaemonSet tutorial with the real kubectl', () => {
  // Needs kubectl 1.32 on PATH (.ci/run installs it); fails, rather than skips, without it.
  it('prints exactly the committed transcript: paused clock, explicit advances, simulated ages', async () => {
    const expected = readFileSync(new URL('./expected-output.txt', import.meta.url), 'utf8');
    expect(await tutorial()).toBe(expected);
  }, 60_000);
});
