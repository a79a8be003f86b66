import path from 'node:path';
import { fromBuiltFile } from './builtFile.ts';

/** Written by the build (vite-plugins/routePreloads.ts). */
const ROUTE_PRELOADS_FILE = 'route-preloads.json';

type Preloads = Record<string, string[]>;

/**
 * The `Link` header for a page whose screen's code the app loads on demand: that code,
 * preloaded with the page's own scripts rather than requested once they have run. Undefined
 * for other pages, or before the app is built.
 */
export function routePreloadHeader(appDir: string): (pagePath: string) => string | undefined {
  const preloads = fromBuiltFile(path.join(appDir, ROUTE_PRELOADS_FILE), parsePreloads, {});
  return (pagePath) => {
    const files = Object.hasOwn(preloads(), pagePath) ? preloads()[pagePath] : undefined;
    if (!files?.length) return undefined;
    return files.map((file) => `<${file}>; rel=modulepreload; crossorigin`).join(', ');
  };
}

/** The build's list, or nothing where it is not a list of same-origin paths per page. */
function parsePreloads(text: string): Preloads {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return {};
  const isPaths = (files: unknown): files is string[] =>
    Array.isArray(files) &&
    files.every((file) => typeof file === 'string' && /^\/[\w./-]+$/.test(file));
  return Object.fromEntries(Object.entries(parsed).filter(([, files]) => isPaths(files)));
}
