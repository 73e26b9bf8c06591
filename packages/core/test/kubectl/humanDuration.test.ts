import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  humanDuration,
  shortHumanDuration,
  translateTimestampSince,
} from '../../src/kubectl/humanDuration.js';
import { HOUR, MINUTE, SECOND, toTimestamp } from '../../src/model/time.js';

const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

describe('humanDuration', () => {
  it('renders the upstream examples', () => {
    const cases: [number, string][] = [
      [SECOND, '1s'],
      [70 * SECOND, '70s'],
      [190 * SECOND, '3m10s'],
      [70 * MINUTE, '70m'],
      [47 * HOUR, '47h'],
      [49 * HOUR, '2d1h'],
      [(8 * 24 + 2) * HOUR, '8d'],
      [367 * DAY, '367d'],
      [(365 * 2 * 24 + 25) * HOUR, '2y1d'],
      [(365 * 8 * 24 + 2) * HOUR, '8y'],
    ];
    for (const [ms, want] of cases) expect(humanDuration(ms), `${ms}ms`).toBe(want);
  });

  it('switches units exactly at the upstream boundaries', () => {
    const cases: [number, string][] = [
      [-2 * SECOND, '<invalid>'],
      [-2 * SECOND + 1, '0s'],
      [0, '0s'],
      [SECOND - 1, '0s'],
      [2 * MINUTE - 1, '119s'],
      [2 * MINUTE, '2m'],
      [2 * MINUTE + SECOND, '2m1s'],
      [10 * MINUTE - 1, '9m59s'],
      [10 * MINUTE, '10m'],
      [10 * MINUTE + SECOND, '10m'],
      [3 * HOUR - 1, '179m'],
      [3 * HOUR, '3h'],
      [3 * HOUR + MINUTE, '3h1m'],
      [8 * HOUR - 1, '7h59m'],
      [8 * HOUR, '8h'],
      [8 * HOUR + 59 * MINUTE, '8h'],
      [2 * DAY - 1, '47h'],
      [2 * DAY, '2d'],
      [2 * DAY + HOUR, '2d1h'],
      [8 * DAY - 1, '7d23h'],
      [8 * DAY, '8d'],
      [8 * DAY + 23 * HOUR, '8d'],
      [2 * YEAR - 1, '729d'],
      [2 * YEAR, '2y'],
      [2 * YEAR + 23 * HOUR, '2y'],
      [2 * YEAR + DAY - 1, '2y'],
      [2 * YEAR + DAY, '2y1d'],
      [3 * YEAR, '3y'],
      [7 * YEAR, '7y'],
      [8 * YEAR - 1, '7y364d'],
      [8 * YEAR, '8y'],
      [8 * YEAR + 364 * DAY, '8y'],
      [9 * YEAR, '9y'],
    ];
    for (const [ms, want] of cases) expect(humanDuration(ms), `${ms}ms`).toBe(want);
  });

  it('renders the reference examples for AGE', () => {
    expect(
      [
        90 * SECOND,
        150 * SECOND,
        45 * MINUTE,
        5 * HOUR + 10 * MINUTE,
        30 * HOUR,
        3 * DAY + 4 * HOUR,
        40 * DAY,
      ].map(humanDuration),
    ).toEqual(['90s', '2m30s', '45m', '5h10m', '30h', '3d4h', '40d']);
  });

  it('is monotone in its leading unit and number as the duration grows', () => {
    const units = ['s', 'm', 'h', 'd', 'y'];
    const key = (text: string): [number, number] => {
      const match = /^(\d+)([smhdy])/.exec(text);
      if (match === null) throw new Error(`unexpected ${text}`);
      return [units.indexOf(match[2] ?? ''), Number(match[1])];
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * YEAR }), fc.integer({ min: 0, max: 20 * YEAR }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [unitLo, numLo] = key(humanDuration(lo));
        const [unitHi, numHi] = key(humanDuration(hi));
        expect(unitLo < unitHi || (unitLo === unitHi && numLo <= numHi)).toBe(true);
      }),
    );
  });
});

describe('shortHumanDuration', () => {
  it('switches units exactly at the upstream boundaries', () => {
    const cases: [number, string][] = [
      [-2 * SECOND, '<invalid>'],
      [-2 * SECOND + 1, '0s'],
      [0, '0s'],
      [SECOND - 1, '0s'],
      [SECOND, '1s'],
      [2 * SECOND - 1, '1s'],
      [MINUTE - 1, '59s'],
      [MINUTE, '1m'],
      [2 * MINUTE - 1, '1m'],
      [HOUR - 1, '59m'],
      [HOUR, '1h'],
      [2 * HOUR - 1, '1h'],
      [DAY - 1, '23h'],
      [DAY, '1d'],
      [2 * DAY - 1, '1d'],
      [YEAR - 1, '364d'],
      [YEAR, '1y'],
      [2 * YEAR - 1, '1y'],
      [2 * YEAR, '2y'],
    ];
    for (const [ms, want] of cases) expect(shortHumanDuration(ms), `${ms}ms`).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  it('shows <unknown> for a missing timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
    expect(translateTimestampSince('', 0)).toBe('<unknown>');
  });

  it('shows the time since the timestamp on the simulated clock', () => {
    expect(translateTimestampSince(toTimestamp(0), 5 * MINUTE)).toBe('5m');
    expect(translateTimestampSince(toTimestamp(10 * SECOND), 10 * SECOND + 1500)).toBe('1s');
  });

  it('reads a timestamp up to 1.9 s in the future as 0s and further ahead as <invalid>', () => {
    expect(translateTimestampSince(toTimestamp(1900), 0)).toBe('0s');
    expect(translateTimestampSince(toTimestamp(3 * SECOND), 0)).toBe('<invalid>');
  });
});
