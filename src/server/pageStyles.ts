import { createHash } from 'node:crypto';
import { fromBuiltFile } from './builtFile.ts';

/**
 * The CSP sources ('sha256-…') that allow the inline <style> elements of the built
 * index.html: the build puts the start-up CSS there (vite-plugins/inlineEntryStyles.ts) so the
 * first paint waits for no stylesheet request. Only exactly those styles are allowed; an
 * injected <style> is still refused. '' while there is no index.html.
 */
export function inlineStyleSources(indexFile: string): () => string {
  return fromBuiltFile(indexFile, (html) => styleHashes(html).join(' '), '');
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
