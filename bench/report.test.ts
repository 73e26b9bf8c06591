import { describe, expect, it } from 'vitest';
import type { Figure } from './report.js';
import { exitCode, summaryJson, verdict } from './report.js';

const met: Figure = { name: 'a', value: 1.2, unit: 'x', target: { op: '<=', value: 1.5 }, note: '' };
const missed: Figure = { name: 'b', value: 50, unit: 'x', target: { op: '>=', value: 100 }, note: '' };
const info: Figure = { name: 'c', value: 7, unit: 'x', note: '' };

describe('the bench report', () => {
  it('judges a figure against its target in either direction', () => {
    expect(verdict(met)).toBe('met');
    expect(verdict(missed)).toBe('missed');
    expect(verdict({ ...missed, value: 100 })).toBe('met');
    expect(verdict(info)).toBe('info');
  });

  it('exits 0 only when every figure is computed and meets its target', () => {
    expect(exitCode([met, info])).toBe(0);
    expect(exitCode([met, missed])).toBe(1);
  });

  it('fails on a null or non-finite figure, with or without a target', () => {
    expect(exitCode([met, { ...met, value: null }])).toBe(1);
    expect(exitCode([met, { ...info, value: NaN }])).toBe(1);
    expect(verdict({ ...met, value: Infinity })).toBe('null');
  });

  it('does not judge a figure that was skipped', () => {
    expect(exitCode([met, { ...missed, value: null, skipped: true }])).toBe(0);
  });

  it('writes null, not NaN, into the JSON line', () => {
    const parsed = JSON.parse(summaryJson([met, { ...info, value: NaN }], {})) as Record<string, unknown>;
    expect(parsed).toMatchObject({ a: 1.2, c: null, pass: false, targets: { a: '<= 1.5' } });
  });
});
