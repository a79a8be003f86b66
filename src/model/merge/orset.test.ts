import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addElements, removeElements, type ORSet } from './orset.ts';

const empty: ORSet = { elements: [], adds: {} };

describe('[R3] observed-remove set', () => {
  it('[R3] adds append absent elements in order and record every add version', () => {
    const once = addElements(empty, ['b', 'a'], 3);
    const twice = addElements(once, ['a', 'c', 'c'], 5);
    expect(twice.elements).toEqual(['b', 'a', 'c']);
    expect(twice.adds).toEqual({ b: 3, a: 5, c: 5 });
    expect(once).toEqual({ elements: ['b', 'a'], adds: { b: 3, a: 3 } }); // inputs stay as they were
  });

  it('[R3] a remove takes away what its device had seen added', () => {
    const set = addElements(empty, ['a', 'b'], 3);
    expect(removeElements(set, ['a', 'missing'], 3)).toEqual({ elements: ['b'], adds: { b: 3 } });
  });

  it('[R3] an add concurrent with a remove of the same element wins', () => {
    // Both devices saw version 3 with "a"; device 1 re-adds it (version 4), device 2 removes it.
    const seen = addElements(empty, ['a'], 3);
    const addFirst = removeElements(addElements(seen, ['a'], 4), ['a'], 3);
    const removeFirst = addElements(removeElements(seen, ['a'], 3), ['a'], 4);
    expect(addFirst.elements).toEqual(['a']);
    expect(removeFirst.elements).toEqual(['a']);
  });

  it('[R3] an element with no recorded add counts as added at 0: any remove takes it', () => {
    const legacy: ORSet = { elements: ['old', 'new'], adds: { new: 4 } };
    expect(removeElements(legacy, ['old', 'new'], 0)).toEqual({
      elements: ['new'],
      adds: { new: 4 },
    });
  });

  it('[R3] an element removed and added again goes to the end with its new add version', () => {
    const set = addElements(empty, ['a', 'b'], 3);
    const again = addElements(removeElements(set, ['a'], 3), ['a'], 6);
    expect(again).toEqual({ elements: ['b', 'a'], adds: { b: 3, a: 6 } });
    // A remove that had seen only the first add no longer takes it.
    expect(removeElements(again, ['a'], 5).elements).toEqual(['b', 'a']);
  });

  it('[R3] elements named like Object properties stay plain data', () => {
    const set = addElements(empty, ['__proto__', 'constructor', 'toString'], 2);
    expect(set.elements).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.keys(set.adds)).toEqual(['__proto__', 'constructor', 'toString']);
    const stored = JSON.parse(JSON.stringify(set)) as ORSet;
    expect(removeElements(stored, ['__proto__', 'toString'], 1).elements).toHaveLength(3);
    expect(removeElements(stored, ['__proto__', 'toString'], 2).elements).toEqual(['constructor']);
  });

  it('[R3] any interleaving of two devices ends with adds winning over unseen removes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => checkAddsWin(steps)),
      {
        numRuns: 200,
      },
    );
  });
});

type Step =
  { device: 0 | 1; kind: 'sync' } | { device: 0 | 1; kind: 'add' | 'remove'; element: string };

const device = fc.constantFrom<0 | 1>(0, 1);
const element = fc.constantFrom('a', 'b', 'c');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ device, kind: fc.constant('sync' as const) }),
  fc.record({ device, kind: fc.constantFrom('add' as const, 'remove' as const), element }),
);

/**
 * A server applying each push at the next version, and two devices that push with the version
 * they last pulled. Expected: an element is present iff one of its adds was seen by no remove.
 */
function checkAddsWin(steps: Step[]): void {
  let set = empty;
  let version = 0;
  const observed = [0, 0];
  const adds: { element: string; version: number }[] = [];
  const removes: { element: string; observed: number }[] = [];
  for (const next of steps) {
    if (next.kind === 'sync') {
      observed[next.device] = version;
    } else if (next.kind === 'add') {
      set = addElements(set, [next.element], ++version);
      adds.push({ element: next.element, version });
    } else {
      removes.push({ element: next.element, observed: observed[next.device]! });
      set = removeElements(set, [next.element], observed[next.device]!);
      version++;
    }
  }
  const survives = (add: (typeof adds)[number]) =>
    !removes.some((remove) => remove.element === add.element && remove.observed >= add.version);
  const expected = new Set(adds.filter(survives).map((add) => add.element));
  expect(new Set(set.elements)).toEqual(expected);
  expect(set.elements).toHaveLength(expected.size);
}
