import { randomUUID } from 'node:crypto';
import type { Mutation } from '../src/protocol/mutation.ts';

/**
 * Pushes whose text merges cost the most the merge allows (issue 14): bodies of hundreds of
 * identical lines, edited far apart, so no line anchors the merge and node-diff3's LCS pairs
 * every line with every other. The contract test and `npm run bench` share them.
 */
const SAME = (count: number) => Array.from({ length: count }, () => 'a');
const text = (...parts: (string | string[])[]) => parts.flat().join('\n');

/** What the note holds on the server when the costly edits arrive (its version 1). */
export const COSTLY_CURRENT = text('c', SAME(150), 'c', SAME(150), 'c');
/** What every costly edit says it started from. */
export const COSTLY_BASE = text('b', SAME(300), 'b');

/**
 * The push: `count` edits from version 1 that each change the first line the server's
 * version changed too, so each is a conflict, found only after the whole LCS.
 */
export function conflictingCostlyEdits(recordId: string, count: number): Mutation[] {
  const set = text('d', SAME(75), 'd', SAME(225), 'd');
  return Array.from({ length: count }, () => costlyEdit(recordId, COSTLY_BASE, set));
}

/**
 * A note of 1,000 lines drawn from 30 (a fixed pseudo-random sequence): no line is unique, so
 * nothing anchors a merge, yet an edit has one clear place. The server changed line 100.
 */
const VARIED = Array.from({ length: 1_000 }, (_, index) => `line ${(index * 7919) % 30}`);
export const VARIED_BASE = VARIED.join('\n');
export const VARIED_CURRENT = replaceLine(VARIED_BASE, 100, 'changed on the server');

/**
 * `count` edits from version 1 that each change a line of their own, 700 lines or more from the
 * server's change: each merges cleanly, at about 23 million units of LCS work.
 */
export function cleanCostlyEdits(recordId: string, count: number): Mutation[] {
  return Array.from({ length: count }, (_, index) =>
    costlyEdit(recordId, VARIED_BASE, replaceLine(VARIED_BASE, 800 + 2 * index, `edit ${index}`)),
  );
}

function replaceLine(body: string, at: number, line: string): string {
  const lines = body.split('\n');
  lines[at] = line;
  return lines.join('\n');
}

function costlyEdit(recordId: string, base: string, body: string): Mutation {
  return {
    id: randomUUID(),
    collection: 'notes',
    recordId,
    op: 'put',
    baseVersion: 1,
    base: { body: base },
    set: { body },
    clientTime: Date.now(),
  };
}
