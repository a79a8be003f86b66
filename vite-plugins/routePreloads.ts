import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** Where the build lists them, for the server (src/server/routePreloads.ts). */
export const ROUTE_PRELOADS_FILE = 'route-preloads.json';

/**
 * Lists, per page path, the code of the screen loaded on demand there (`screens`: path → module
 * from the project root) and every chunk it imports that the page's own scripts do not. The
 * server sends them with that page as `Link: rel=modulepreload`, so a visit that starts on
 * such a screen fetches its code with the page's scripts instead of after them.
 */
export function routePreloads(screens: Record<string, string>): Plugin {
  return {
    name: 'outpost:route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const atStart = new Set(
        Object.values(bundle)
          .filter((output): output is OutputChunk => output.type === 'chunk' && output.isEntry)
          .flatMap((entry) => chunkFiles(bundle, entry)),
      );
      const preloads = Object.fromEntries(
        Object.entries(screens).map(([route, module]) => [
          route,
          chunkFiles(bundle, chunkOf(bundle, module))
            .filter((file) => !atStart.has(file))
            .map((file) => `/${file}`),
        ]),
      );
      this.emitFile({
        type: 'asset',
        fileName: ROUTE_PRELOADS_FILE,
        source: JSON.stringify(preloads, null, 2),
      });
    },
  };
}

function chunkOf(bundle: OutputBundle, module: string): OutputChunk {
  const chunk = Object.values(bundle).find(
    (output): output is OutputChunk =>
      output.type === 'chunk' && output.facadeModuleId?.endsWith(`/${module}`) === true,
  );
  if (!chunk) throw new Error(`routePreloads: no chunk is built from ${module}`);
  return chunk;
}

/** A chunk's file and those of the chunks it imports statically, directly or not. */
function chunkFiles(bundle: OutputBundle, chunk: OutputChunk, seen = new Set<string>()): string[] {
  if (seen.has(chunk.fileName)) return [];
  seen.add(chunk.fileName);
  const imported = chunk.imports
    .map((file) => bundle[file])
    .filter((output): output is OutputChunk => output?.type === 'chunk');
  return [chunk.fileName, ...imported.flatMap((next) => chunkFiles(bundle, next, seen))];
}
