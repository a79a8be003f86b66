import { specOf } from '../../model/collections.ts';

/**
 * The links that reach a contact: `mailto:` and `tel:`. Built only from a value the
 * collection accepts, so a link never carries what the field would refuse, and encoded so a
 * typed value can add nothing to the link but the address itself.
 */

const EMAIL = specOf('contacts').fields.email;

/** `mailto:` for a valid email address; undefined for an empty or invalid one. */
export function mailtoHref(email: string): string | undefined {
  const address = email.trim();
  if (address === '' || EMAIL.check(address) !== null) return undefined;
  const at = address.lastIndexOf('@');
  // The local part may hold ? or & (RFC 5321), which would start headers in a mailto: URL.
  const local = encodeURIComponent(address.slice(0, at));
  return `mailto:${local}@${encodeURIComponent(address.slice(at + 1))}`;
}

/**
 * `tel:` for a phone number with at least three digits: the digits and the signs a dialler
 * understands (a leading +, * and #), without the spaces, dashes and brackets people write,
 * and without an extension.
 */
export function telHref(phone: string): string | undefined {
  // An extension ("ext. 89", "x89") is not dialled with the number.
  const trimmed = phone.trim().split(/\s*(?:ext\.?|x)\s*\d/i)[0] ?? '';
  const dialled = trimmed.replace(/[^\d*#]/g, '');
  if ((dialled.match(/\d/g) ?? []).length < 3) return undefined;
  // A bare # would start the URL's fragment, which no dialler receives.
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${dialled.replaceAll('#', '%23')}`;
}
