/**
 * [V1] The digest of one collection's live records, as the server answers it and as a device
 * computes it over what it holds: the same code on both sides, so equal records give equal
 * digests byte for byte. Runs wherever Web Crypto does (Node 20, pages, service workers).
 *
 * Records are split into 256 ranges by the first two hex digits of their id (ids are canonical
 * lower-case UUIDs, R), and each range is hashed over `id:version` of its records in id order.
 * A range that differs is small enough to fetch whole (V2): 1/256 of the collection.
 */

/** How many leading characters of an id name its range. */
export const RANGE_LENGTH = 2;

/** A range's name: the first two hex digits of the ids in it. */
export const RANGE_PATTERN = /^[0-9a-f]{2}$/;

export interface RangeDigest {
  range: string;
  count: number;
  /** The first 128 bits of SHA-256 over `${id}:${version}\n` of the range's records, in hex. */
  hash: string;
}

export interface CollectionDigest {
  count: number;
  /** The highest version among the live records (0 when there are none). */
  maxVersion: number;
  /** Only the ranges that hold a record, in range order. */
  ranges: RangeDigest[];
}

export interface DigestEntry {
  id: string;
  version: number;
}

export function rangeOf(id: string): string {
  return id.slice(0, RANGE_LENGTH);
}

/**
 * The ids of a range lie between its name and the next range's name. Computed rather than
 * written as `range + '~'`: under a natural-language collation punctuation sorts as if absent.
 */
export function rangeBounds(range: string): { from: string; before: string | null } {
  const next = parseInt(range, 16) + 1;
  const last = 16 ** RANGE_LENGTH;
  return {
    from: range,
    before: next >= last ? null : next.toString(16).padStart(RANGE_LENGTH, '0'),
  };
}

/** Sorts by UTF-16 code units, the order both sides use (never the locale's). */
function byId(a: DigestEntry, b: DigestEntry): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export async function digestOf(entries: DigestEntry[]): Promise<CollectionDigest> {
  const sorted = [...entries].sort(byId);
  const ranges: RangeDigest[] = [];
  let start = 0;
  while (start < sorted.length) {
    const range = rangeOf(sorted[start]!.id);
    let end = start;
    while (end < sorted.length && rangeOf(sorted[end]!.id) === range) end += 1;
    const members = sorted.slice(start, end);
    ranges.push({ range, count: members.length, hash: await hashOf(members) });
    start = end;
  }
  const maxVersion = entries.reduce((max, entry) => Math.max(max, entry.version), 0);
  return { count: entries.length, maxVersion, ranges };
}

async function hashOf(members: DigestEntry[]): Promise<string> {
  const text = members.map(({ id, version }) => `${id}:${version}\n`).join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest, 0, 16)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/** The ranges whose count or hash differ between two digests of one collection. */
export function differingRanges(server: CollectionDigest, device: CollectionDigest): string[] {
  const key = (digest: RangeDigest) => `${digest.count}:${digest.hash}`;
  const held = new Map(device.ranges.map((digest) => [digest.range, key(digest)]));
  const theirs = new Map(server.ranges.map((digest) => [digest.range, key(digest)]));
  const names = new Set([...held.keys(), ...theirs.keys()]);
  return [...names].filter((range) => held.get(range) !== theirs.get(range)).sort();
}
