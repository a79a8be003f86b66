import { diff3Merge } from 'node-diff3';
import { findAnchors, type Anchor } from './anchors.ts';
import { LineTable, lineEndingOf, splitLines, type LineEnding } from './lines.ts';

/** A stretch of the merge: lines every side agrees on, or a place where both sides differ. */
export type TextRegion =
  | { kind: 'ok'; lines: string[] }
  | { kind: 'conflict'; base: string[]; current: string[]; incoming: string[] };

export type TextMerge =
  | { clean: true; value: string }
  | {
      clean: false;
      /** In text order; the `ok` lines and one side of each conflict, joined, give a text. */
      regions: TextRegion[];
      /** The ending a resolved text should be joined with (the current value's style). */
      lineEnding: LineEnding;
    };

/**
 * How much LCS work (matching line pairs × shorter side, summed over both diffs of every piece)
 * one merge may spend: about 25 ms here. Past it, the rest is declared one conflict rather than
 * holding up a push. Only texts with few distinct lines (hundreds of identical lines changed
 * far apart on both sides) get there: anchors keep the pieces of other texts small.
 */
export const MAX_MERGE_WORK = 60_000_000;

/**
 * LCS work a run of merges may still spend between them, in the units of MAX_MERGE_WORK. One
 * push passes one budget to every merge it makes [P10], so many merges that are each within
 * MAX_MERGE_WORK cannot add up to seconds.
 */
export interface MergeBudget {
  left: number;
}

type Tokens = number[];

/**
 * [R3][P3] Line-based three-way merge of a text field: `current` is the server's value,
 * `incoming` the device's, `base` what the device showed when it edited.
 *
 * Clean when the two sides changed lines that neither overlap nor touch (as in git, changes to
 * adjacent lines conflict: their order is ambiguous). Both sides making the same change is
 * clean and the change is kept once. Whitespace is significant: a line whose indentation
 * changed is a changed line. The result keeps `current`'s line endings (CRLF or LF). Swapping
 * `current` and `incoming` gives the same clean result (when both use the same endings).
 */
export function mergeText(
  base: string,
  current: string,
  incoming: string,
  shared?: MergeBudget,
): TextMerge {
  if (current === incoming || base === incoming) return { clean: true, value: current };
  if (base === current) return { clean: true, value: incoming };

  const table = new LineTable();
  const [o, a, b] = [base, current, incoming].map((text) => table.tokens(splitLines(text))) as [
    Tokens,
    Tokens,
    Tokens,
  ];
  const lineEnding = lineEndingOf(current, incoming, base);
  const budget = { left: Math.min(MAX_MERGE_WORK, shared?.left ?? Infinity) };
  const before = budget.left;
  const regions = mergeTokens(o, a, b, table, budget);
  if (shared) shared.left -= before - budget.left;
  if (regions.every((region) => region.kind === 'ok')) {
    return { clean: true, value: regions.flatMap((region) => region.lines).join(lineEnding) };
  }
  return { clean: false, regions, lineEnding };
}

/** Merges piece by piece between anchor lines; each anchor line itself is common to all. */
function mergeTokens(
  o: Tokens,
  a: Tokens,
  b: Tokens,
  table: LineTable,
  budget: MergeBudget,
): TextRegion[] {
  const end: Anchor = { o: o.length, a: a.length, b: b.length };
  const regions: TextRegion[] = [];
  let from: Anchor = { o: 0, a: 0, b: 0 };
  for (const anchor of [...findAnchors(o, a, b, table.size), end]) {
    const piece = [o.slice(from.o, anchor.o), a.slice(from.a, anchor.a), b.slice(from.b, anchor.b)];
    regions.push(...mergePiece(piece as [Tokens, Tokens, Tokens], table, budget));
    if (anchor !== end) regions.push({ kind: 'ok', lines: table.text([o[anchor.o]!]) });
    from = { o: anchor.o + 1, a: anchor.a + 1, b: anchor.b + 1 };
  }
  return joinOkRegions(regions);
}

/** Merges one piece with node-diff3, after setting aside the lines all three share at its ends. */
function mergePiece(
  [o, a, b]: [Tokens, Tokens, Tokens],
  table: LineTable,
  budget: MergeBudget,
): TextRegion[] {
  if (o.length + a.length + b.length === 0) return []; // two anchors in a row: most pieces
  const { prefix, suffix } = commonEnds(o, a, b);
  const middle = (tokens: Tokens) => tokens.slice(prefix, tokens.length - suffix);
  const [oMid, aMid, bMid] = [middle(o), middle(a), middle(b)];
  const regions: TextRegion[] = [{ kind: 'ok', lines: table.text(o.slice(0, prefix)) }];
  const work = lcsWork(oMid, aMid) + lcsWork(oMid, bMid);
  if (work > budget.left) {
    regions.push(conflictRegion(oMid, aMid, bMid, table));
  } else if (oMid.length + aMid.length + bMid.length > 0) {
    budget.left -= work;
    for (const region of diff3Merge(aMid, oMid, bMid, { excludeFalseConflicts: true })) {
      if (region.ok) regions.push({ kind: 'ok', lines: table.text(region.ok) });
      if (region.conflict) {
        regions.push(
          conflictRegion(region.conflict.o, region.conflict.a, region.conflict.b, table),
        );
      }
    }
  }
  regions.push({ kind: 'ok', lines: table.text(o.slice(o.length - suffix)) });
  return regions;
}

/**
 * An upper bound on the steps of node-diff3's Hunt–McIlroy LCS of two line lists: for every
 * pair of equal lines it may scan its whole candidate list (as long as the shorter input).
 */
function lcsWork(first: Tokens, second: Tokens): number {
  const counts = new Map<number, number>();
  for (const token of second) counts.set(token, (counts.get(token) ?? 0) + 1);
  let pairs = 0;
  for (const token of first) pairs += counts.get(token) ?? 0;
  return (pairs + 1) * (Math.min(first.length, second.length) + 1);
}

function conflictRegion(o: Tokens, a: Tokens, b: Tokens, table: LineTable): TextRegion {
  return { kind: 'conflict', base: table.text(o), current: table.text(a), incoming: table.text(b) };
}

/** How many lines all three share at the start, and then at the end. */
function commonEnds(o: Tokens, a: Tokens, b: Tokens): { prefix: number; suffix: number } {
  const shortest = Math.min(o.length, a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && o[prefix] === a[prefix] && o[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  const at = (tokens: Tokens) => tokens[tokens.length - 1 - suffix];
  while (suffix < shortest - prefix && at(o) === at(a) && at(o) === at(b)) suffix++;
  return { prefix, suffix };
}

/** Drops empty `ok` regions and joins neighbouring ones, so agreed and overlapping alternate. */
function joinOkRegions(regions: TextRegion[]): TextRegion[] {
  const joined: TextRegion[] = [];
  for (const region of regions) {
    const last = joined.at(-1);
    if (region.kind === 'ok' && region.lines.length === 0) continue;
    if (region.kind === 'ok' && last?.kind === 'ok') last.lines.push(...region.lines);
    else joined.push(region.kind === 'ok' ? { kind: 'ok', lines: [...region.lines] } : region);
  }
  return joined;
}
