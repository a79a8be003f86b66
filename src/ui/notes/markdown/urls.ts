/** The schemes a note's links may use; anything else (javascript:, data:, vbscript:…) is dropped. */
const ALLOWED_SCHEMES = /^(https?|mailto|tel)$/i;

/**
 * A link's or image's address as the rendered note may use it, or '' when it is not allowed.
 * An allow-list, not a deny-list: browsers strip tabs, newlines and leading control characters
 * before reading a scheme, so `java\tscript:` is a script URL to them; here it is simply not one
 * of the allowed schemes. (Markdown has already decoded `&#x73;`-style references.) An address
 * without a scheme (a path, `?query` or `#fragment`) is relative and stays in this app.
 */
export function safeUrl(url: string): string {
  const scheme = schemeOf(url);
  return scheme === null || ALLOWED_SCHEMES.test(scheme) ? url : '';
}

/**
 * Leaves the app: opened in a new tab, without telling the page who opened it. Browsers read a
 * backslash at the start like a slash, so `\\host` and `/\host` name another host too.
 */
export function isExternal(url: string): boolean {
  return /^[/\\]{2}/.test(url) || /^https?:/i.test(url);
}

/** The part before the first colon, unless a `/`, `?` or `#` comes first (then: none). */
function schemeOf(url: string): string | null {
  const colon = url.indexOf(':');
  if (colon === -1) return null;
  const before = url.slice(0, colon);
  return /[/?#]/.test(before) ? null : before;
}
