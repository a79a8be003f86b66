import type { FieldValue } from '../../protocol/mutation.ts';
import { sameValue } from './equal.ts';

export type RegisterCheck = 'clean' | 'collides';

/**
 * [P3] The three-way check of one register field. Clean when the server's value is still what
 * the device showed (`base`), or already is what the device wants (`incoming`); otherwise
 * another device changed it concurrently and the field collides.
 *
 * `base` undefined means the device showed nothing for this field (a put without `base` on a
 * record that exists): nothing to compare against, so only an identical value is clean.
 */
export function checkRegister(
  base: FieldValue | undefined,
  current: FieldValue,
  incoming: FieldValue,
): RegisterCheck {
  if (sameValue(current, incoming)) return 'clean';
  if (base !== undefined && sameValue(current, base)) return 'clean';
  return 'collides';
}
