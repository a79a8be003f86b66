import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const STYLESHEET_LINK = /<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)">/g;

/**
 * Puts the entry's CSS into index.html as a <style> element instead of a <link>. A linked
 * stylesheet blocks the first paint for one more request (on a phone on a slow link, a round
 * trip or more); inlined, the static shell in index.html is painted as soon as the page
 * arrives, while the scripts are still loading. The CSS is small (about 4 KB compressed); the
 * CSS of screens loaded on demand stays in its own files.
 *
 * The Content-Security-Policy allows this one inline style by its hash, which the server
 * reads from the built index.html (src/server/pageStyles.ts).
 *
 * Done on the written files: only then are the scripts final (Vite writes the preload lists
 * of dynamic imports late), and the service worker's precache list, made after, sees the
 * page as served.
 */
export function inlineEntryStyles(): Plugin {
  return {
    name: 'outpost:inline-entry-styles',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const page = path.join(dir, 'index.html');
      if (!(bundle['index.html']?.type === 'asset')) return;
      const html = readFileSync(page, 'utf8').replace(STYLESHEET_LINK, (link, file: string) => {
        // A script that loads the file itself (the preload list of a dynamic import whose chunk
        // shares the entry's code) would find it gone: keep the file and the link then.
        const loadedByScript = Object.values(bundle).some(
          (output) => output.type === 'chunk' && output.code.includes(file),
        );
        if (loadedByScript) {
          this.warn(`${file} is loaded by a script too: left as a <link>`);
          return link;
        }
        const css = readFileSync(path.join(dir, file), 'utf8');
        // Nothing links to the file any more; left in dist/ it would also be precached.
        unlinkSync(path.join(dir, file));
        return `<style>${css.trim()}</style>`;
      });
      writeFileSync(page, html);
    },
  };
}
