import { toYaml } from '@daemonsim/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('toYaml', () => {
  it('prints YAML that the yaml package parses back to the same data', () => {
    // YAML 1.1 readers and `yaml` (1.2 core schema) agree on what toYaml emits, since it quotes
    // every string either schema could read as a non-string.
    const key = fc.string({ unit: 'grapheme-ascii', minLength: 0, maxLength: 8 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
        fc.string({ unit: 'grapheme-ascii' }),
        fc.string(),
        fc.constantFrom(
          'true',
          'no',
          '~',
          '1e3',
          '0x1F',
          '2026-01-01T00:00:00Z',
          '- x',
          'a: b',
          ' x',
          'x #y',
          'a\nb\n',
          'a\n\n',
          '\n',
        ),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(parse(toYaml(value))).toEqual(value);
      }),
    );
  });
});
