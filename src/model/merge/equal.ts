import type { FieldValue } from '../../protocol/mutation.ts';

/**
 * Field values compare by content: registers and texts are strings or booleans, sets are
 * string arrays (compared in order, as the device shows them). Shared by the client's folding
 * (M3) and the server's three-way check (P3) so both agree on what "unchanged" means.
 */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((element, index) => element === b[index]);
  }
  return a === b;
}
