/**
 * What crosses between the main thread and a worker thread (src/worker/protocol.ts): structured clone keeps plain
 * data but turns an Exact into a plain object and an error into a bare Error, so values are packed before and
 * rebuilt after. Checked here through a real structured clone, without a thread.
 */
import { describe, expect, it } from 'vitest';
import { issue, MAX_REPORTED_ISSUES, ParIndexError } from '../../src/core/errors.js';
import { Exact } from '../../src/core/exact.js';
import { packError, packValue, unpackError, unpackValue } from '../../src/worker/protocol.js';

const cross = (v: unknown) => unpackValue(structuredClone(packValue(v)));

describe('the worker protocol', () => {
  it('rebuilds every Exact (small, huge, negative) as an equal Exact, inside objects, arrays and maps; frozen', () => {
    const huge = Exact.parse('123456789012345678901234567890.125')!;
    const value = { a: Exact.ratio(1, 3), list: [Exact.of(-2), { deep: huge }], map: new Map([['k', Exact.parse('97,75')!]]), n: 1 };
    const back = cross(value) as typeof value;
    expect(back.a).toBeInstanceOf(Exact);
    expect(back.a.toRatio()).toBe('1/3');
    expect((back.list[1] as { deep: Exact }).deep.toRatio()).toBe(huge.toRatio());
    expect(back.map.get('k')!.toRatio()).toBe(Exact.parse('97,75')!.toRatio());
    expect(back).toEqual(value);
    expect(Object.isFrozen(back) && Object.isFrozen(back.list) && Object.isFrozen(back.list[1])).toBe(true);
    // The value sent is not changed by packing.
    expect(value.a).toBeInstanceOf(Exact);
    expect(Object.isFrozen(value)).toBe(false);
  });

  it('a plain object that only looks like a packed Exact keeps its other keys', () => {
    expect(cross({ x: { __parIndexExact: '1/2', other: 1 } })).toEqual({ x: { __parIndexExact: '1/2', other: 1 } });
  });

  it('a ParIndexError comes back with the very issues and message, a list already cut at 1000 not cut again', () => {
    const many = Array.from({ length: 1500 }, (_, i) =>
      issue('schema.invalid-value', 'error', ['rows', i], `bad ${i}`, `sai ${i}`, { file: 'x.yaml', unit: 'u' }),
    );
    const original = new ParIndexError(many);
    expect(original.issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    const back = unpackError(structuredClone(packError(original)));
    expect(back).toBeInstanceOf(ParIndexError);
    expect((back as ParIndexError).issues).toEqual(original.issues);
    expect(back.message).toBe(original.message);
    expect(back.name).toBe('ParIndexError');
    expect(Object.isFrozen((back as ParIndexError).issues[0])).toBe(true);
  });

  it('any other error comes back with its name and message', () => {
    const back = unpackError(structuredClone(packError(new RangeError('too far'))));
    expect(back).not.toBeInstanceOf(ParIndexError);
    expect([back.name, back.message]).toEqual(['RangeError', 'too far']);
    expect(unpackError(structuredClone(packError('text'))).message).toBe('text');
  });
});
