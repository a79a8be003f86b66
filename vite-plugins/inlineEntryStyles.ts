import type { Plugin } from 'vite';
import type { OutputAsset } from 'rollup';

/**
 * Puts the entry's CSS into index.html as a <style> element instead of a <link>. A linked
 * stylesheet blocks the first paint for one more request (on a phone on a slow link, a round
 * trip or more); inlined, the static shell in index.html is painted as soon as the page
 * arrives, while the scripts are still loading. The CSS is small (about 4 KB compressed); the
 * CSS of screens loaded on demand stays in its own files.
 *
 * The Content-Security-Policy allows this one inline style by its hash, which the server
 * reads from the built index.html (src/server/pageStyles.ts).
 */
export function inlineEntryStyles(): Plugin {
  return {
    name: 'outpost:inline-entry-styles',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (page?.type !== 'asset' || typeof page.source !== 'string') return;
      page.source = page.source.replace(
        /<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)">/g,
        (link, fileName: string) => {
          const sheet = bundle[fileName] as OutputAsset | undefined;
          if (sheet?.type !== 'asset') return link;
          // A script that loads the file itself (Vite's preload list of a dynamic import)
          // would find it gone: keep the link then, and say why the page waits for it.
          const loadedByScript = Object.values(bundle).some(
            (chunk) => chunk.type === 'chunk' && chunk.code.includes(fileName),
          );
          if (loadedByScript) {
            this.warn(`${fileName} is loaded by a script too: left as a <link>`);
            return link;
          }
          // Nothing links to the file any more; left in the bundle it would also be precached.
          Reflect.deleteProperty(bundle, fileName);
          return `<style>${String(sheet.source).trim()}</style>`;
        },
      );
    },
  };
}
