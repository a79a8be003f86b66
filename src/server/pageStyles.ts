import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

// How long a reading of index.html is trusted before its modification time is checked again.
const RECHECK_MS = 1_000;

/**
 * The CSP sources ('sha256-…') that allow the inline <style> elements of the built
 * index.html: the build puts the start-up CSS there (vite-plugins/inlineEntryStyles.ts) so the
 * first paint waits for no stylesheet request. Only exactly those styles are allowed; an
 * injected <style> is still refused.
 *
 * Read again when the file changes: the server may start before the app is built, or keep
 * running across a rebuild (src/server/static.ts), and a stale hash would leave the page
 * unstyled. Returns '' while there is no index.html.
 */
export function inlineStyleSources(indexFile: string): () => string {
  let checkedAt = -Infinity;
  let modifiedAt = NaN;
  let sources = '';
  return () => {
    const now = Date.now();
    if (now - checkedAt < RECHECK_MS) return sources;
    checkedAt = now;
    const mtime = modificationTime(indexFile);
    if (mtime === modifiedAt) return sources;
    modifiedAt = mtime;
    sources = Number.isNaN(mtime) ? '' : styleHashes(readFileSync(indexFile, 'utf8')).join(' ');
    return sources;
  };
}

/** The hash source of each <style> element's text, as CSP computes it (UTF-8, base64). */
export function styleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) =>
      `'sha256-${createHash('sha256')
        .update(css ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

function modificationTime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return NaN;
  }
}
