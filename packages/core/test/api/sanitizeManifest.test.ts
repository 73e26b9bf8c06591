import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimulationError } from '../../src/errors.js';
import { MAX_MANIFEST_DEPTH, toPlainData } from '../../src/api/sanitizeManifest.js';

function errorOf(fn: () => unknown): SimulationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimulationError) return e;
    throw e;
  }
  throw new Error('expected a SimulationError');
}

describe('toPlainData', () => {
  it('rejects a __proto__ key with the field path', () => {
    const err = errorOf(() =>
      toPlainData(JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":true}}}}')),
    );
    expect(err.code).toBe('BadRequest');
    expect(err.path).toBe('metadata.labels.__proto__');
    expect(err.message).toBe('metadata.labels.__proto__: Forbidden: key is not allowed');
  });

  it('rejects constructor and prototype keys, also inside arrays', () => {
    expect(errorOf(() => toPlainData({ spec: { containers: [{ constructor: 1 }] } })).path).toBe(
      'spec.containers[0].constructor',
    );
    expect(errorOf(() => toPlainData({ prototype: {} })).path).toBe('prototype');
  });

  it('rejects values that are not JSON data', () => {
    expect(errorOf(() => toPlainData({ a: () => 1 })).message).toBe(
      'a: Invalid value: "function": is not JSON data',
    );
    expect(errorOf(() => toPlainData({ a: Symbol('s') })).path).toBe('a');
    expect(errorOf(() => toPlainData({ a: 1n })).path).toBe('a');
    expect(errorOf(() => toPlainData({ a: [Number.NaN] })).message).toBe(
      'a[0]: Invalid value: "NaN": must be a finite number',
    );
    expect(errorOf(() => toPlainData({ a: Infinity })).path).toBe('a');
    expect(errorOf(() => toPlainData({ a: new Map() })).message).toBe(
      'a: Invalid value: "Map": is not JSON data',
    );
    expect(errorOf(() => toPlainData({ a: [undefined] })).path).toBe('a[0]');
  });

  it('turns dates into RFC 3339 strings and drops undefined properties', () => {
    expect(toPlainData({ t: new Date('2026-01-01T00:00:00Z'), u: undefined })).toEqual({
      t: '2026-01-01T00:00:00Z',
    });
  });

  it('caps nesting depth', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i <= MAX_MANIFEST_DEPTH; i++) deep = { a: deep };
    expect(errorOf(() => toPlainData(deep)).code).toBe('BadRequest');
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_MANIFEST_DEPTH; i++) ok = { a: ok };
    expect(toPlainData(ok)).toEqual(ok);
  });

  it('returns a copy that shares nothing with its input', () => {
    const input = { a: { b: [1, { c: 'd' }] } };
    const out = toPlainData(input) as typeof input;
    expect(out).toEqual(input);
    expect(out.a).not.toBe(input.a);
    expect(out.a.b).not.toBe(input.a.b);
  });

  it('rejects __proto__ at any depth and otherwise returns deep-equal data', () => {
    const safeKey = fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(safeKey, tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(toPlainData(value)).toEqual(value);
      }),
    );
    fc.assert(
      fc.property(fc.array(safeKey, { minLength: 1, maxLength: 6 }), (keys) => {
        let text = '{"__proto__":{"x":1}}';
        for (const key of [...keys].reverse()) text = `{${JSON.stringify(key)}:${text}}`;
        const err = errorOf(() => toPlainData(JSON.parse(text)));
        expect(err.path).toBe([...keys, '__proto__'].join('.'));
      }),
    );
  });
});
