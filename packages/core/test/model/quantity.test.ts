import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/errors.js';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  milliValue,
  parseQuantity,
} from '../../src/model/quantity.js';

describe('parseQuantity', () => {
  // Cases drawn from TestQuantityParse (apimachinery pkg/api/resource/quantity_test.go).
  it.each<[string | number, number]>([
    ['0', 0],
    ['0n', 0],
    ['-0', 0],
    ['1', 1],
    ['1.5', 1.5],
    ['100m', 0.1],
    ['1n', 1e-9],
    ['1u', 1e-6],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1Ki', 1024],
    ['1Mi', 1048576],
    ['1Gi', 1073741824],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1Ti', 2 ** 40],
    ['1Ei', 2 ** 60],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['1e+3', 1000],
    ['12E6', 12e6],
    ['-1.5k', -1500],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', 5],
    ['0.1m', 0.0001],
    ['007', 7],
    [250, 250],
    [0.5, 0.5],
  ])('reads %j as %d', (input, want) => {
    expect(parseQuantity(input)).toBe(want);
  });

  it.each(['', 'abc', '1.2.3', '1 ', ' 1', '1b', '%', '1e3.5'])(
    'rejects %j with the upstream format message',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QUANTITY_FORMAT_ERROR);
    },
  );

  it.each(['1K', '1ki', '1e', '1iM', '1mi', '1Mi+3', '1Mi2', '1-'])(
    'rejects the unknown suffix of %j',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QUANTITY_SUFFIX_ERROR);
    },
  );

  it('throws a SimulationError with code Invalid', () => {
    try {
      parseQuantity('bogus');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SimulationError);
      expect((error as SimulationError).code).toBe('Invalid');
    }
  });

  it('rejects a non-finite number', () => {
    expect(() => parseQuantity(Number.NaN)).toThrow(SimulationError);
  });

  it('reads a number rendered as a string back as the same number', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        (n) => parseQuantity(String(n)) === (n === 0 ? 0 : n),
      ),
    );
  });
});

describe('milliValue', () => {
  it.each<[string | number, number]>([
    ['100m', 100],
    ['1', 1000],
    ['1.1', 1100],
    [1.1, 1100],
    ['0.1m', 1],
    ['0.1Ki', 102400],
    ['2Gi', 2 * 2 ** 30 * 1000],
    ['-1.5m', -1],
  ])('gives %j as %d thousandths, rounding up', (input, want) => {
    expect(milliValue(input)).toBe(want);
  });

  it('is whole millis for every m-suffixed integer', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => milliValue(`${n}m`) === n));
  });
});
