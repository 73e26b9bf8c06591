import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../src/index.js';

describe('parseDuration', () => {
  it('reads Go duration strings as milliseconds', () => {
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('.5m')).toBe(30_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1000us')).toBe(1);
    expect(parseDuration('1000µs')).toBe(1);
    expect(parseDuration('2000000ns')).toBe(2);
    expect(parseDuration('-1m')).toBe(-60_000);
    expect(parseDuration('+1h0m0s')).toBe(3_600_000);
  });

  it("rejects malformed strings with Go's messages", () => {
    expect(() => parseDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseDuration('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseDuration('1')).toThrow('time: missing unit in duration "1"');
    expect(() => parseDuration('1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => parseDuration('.s')).toThrow('time: invalid duration ".s"');
  });

  it('rejects durations finer than the millisecond clock', () => {
    expect(() => parseDuration('1500us')).toThrow('is not a whole number of milliseconds');
  });

  it('formats as Go prints durations', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(5_400_000)).toBe('1h30m0s');
    expect(formatDuration(-61_000)).toBe('-1m1s');
  });

  it("round-trips every whole number of milliseconds within Go's range", () => {
    fc.assert(
      fc.property(fc.integer({ min: -9e12, max: 9e12 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it('reads a sum of unit parts as the sum of its parts', () => {
    const units: [string, number][] = [
      ['h', 3_600_000],
      ['m', 60_000],
      ['s', 1000],
      ['ms', 1],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 10_000 }), fc.constantFrom(...units)), {
          minLength: 1,
          maxLength: 6,
        }),
        (parts) => {
          const text = parts.map(([n, [unit]]) => `${n}${unit}`).join('');
          expect(parseDuration(text)).toBe(parts.reduce((sum, [n, [, ms]]) => sum + n * ms, 0));
        },
      ),
    );
  });
});
