import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/errors.js';
import { getScaledValueFromIntOrPercent } from '../../src/model/intOrPercent.js';

describe('getScaledValueFromIntOrPercent', () => {
  // Ported from TestGetIntFromIntOrPercent (apimachinery pkg/util/intstr/intstr_test.go) and §10.1.
  it.each<[number | string, number, boolean, number]>([
    [123, 100, true, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
    ['50%', 3, true, 2],
    ['25%', 5, true, 2],
    ['1%', 1, true, 1],
    ['1%', 1, false, 0],
    ['0%', 10, true, 0],
    ['100%', 7, false, 7],
  ])('resolves %j against %d (roundUp %s) to %d', (value, total, roundUp, want) => {
    expect(getScaledValueFromIntOrPercent(value, total, roundUp)).toBe(want);
  });

  it('treats an undefined value as 0', () => {
    expect(getScaledValueFromIntOrPercent(undefined, 10, true)).toBe(0);
  });

  it.each([
    [
      'a string without %',
      '90',
      'invalid value for IntOrString: invalid type: string is not a percentage: "90"',
    ],
    [
      'a non-numeric percentage',
      '%',
      'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax',
    ],
    [
      'a fractional percentage',
      '1.5%',
      'invalid value for IntOrString: invalid value "1.5%": strconv.Atoi: parsing "1.5": invalid syntax',
    ],
  ])('rejects %s, naming the value', (_name, value, message) => {
    expect(() => getScaledValueFromIntOrPercent(value, 10, true)).toThrow(
      new SimulationError('Invalid', message),
    );
  });

  it('rounding up never gives less than rounding down, and at most one more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100000 }), (percent, total) => {
        const up = getScaledValueFromIntOrPercent(`${percent}%`, total, true);
        const down = getScaledValueFromIntOrPercent(`${percent}%`, total, false);
        return up >= down && up - down <= 1 && up <= total && (percent === 0 || total === 0 || up >= 1);
      }),
    );
  });
});
