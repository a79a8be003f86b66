import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { testConfig } from './testing.ts';
import { cacheControlFor } from './static.ts';

const INDEX_HTML = '<!doctype html><title>Outpost</title><div id="root"></div>';

/** A built app as vite would leave it, in a fresh temp dir. */
function builtAppDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'outpost-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(dir, 'assets', 'x.js'), 'console.log(1);');
  writeFileSync(path.join(dir, 'assets', 'x.js.map'), '{"version":3,"sources":["x.ts"]}');
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Outpost"}');
  return dir;
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function appServing(appDir: string, serveSourceMaps = false): Promise<FastifyInstance> {
  app = await buildApp(testConfig({ appDir, serveSourceMaps }));
  return app;
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the built app', () => {
  it('serves index.html at / without caching it', async () => {
    const response = await (await appServing(builtAppDir())).inject({ url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves index.html for a deep link such as /notes/abc (SPA fallback)', async () => {
    const server = await appServing(builtAppDir());
    const response = await server.inject({ url: '/notes/abc', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX_HTML);
  });

  it('answers HEAD for a deep link like GET', async () => {
    const server = await appServing(builtAppDir());
    const response = await server.inject({ method: 'HEAD', url: '/contacts/1', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('[T3] answers 404 JSON for a missing file that is not a page request', async () => {
    const server = await appServing(builtAppDir());
    const response = await server.inject({ url: '/assets/missing.js', headers: { accept: '*/*' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('[T3] answers 404 JSON for an unknown page requested with another method', async () => {
    const server = await appServing(builtAppDir());
    const response = await server.inject({ method: 'POST', url: '/notes/abc', headers: html });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('[T3] never answers an unknown /api path with the page', async () => {
    const server = await appServing(builtAppDir());
    const response = await server.inject({ url: '/api/notes/abc', headers: html });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('caches hashed files under /assets/ forever', async () => {
    const response = await (await appServing(builtAppDir())).inject({ url: '/assets/x.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log(1);');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers source maps 404 unless asked to serve them (OUTPOST_SOURCE_MAPS=1)', async () => {
    const dir = builtAppDir();
    const hidden = await (await appServing(dir)).inject({ url: '/assets/x.js.map' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ error: { code: 'not_found' } });
    await app?.close();
    const served = await (await appServing(dir, true)).inject({ url: '/assets/x.js.map' });
    expect(served.statusCode).toBe(200);
    expect(served.json()).toMatchObject({ sources: ['x.ts'] });
  });

  it.each(['/sw.js', '/manifest.webmanifest', '/index.html'])(
    'makes the browser revalidate %s (service worker updates depend on it)',
    async (url) => {
      const response = await (await appServing(builtAppDir())).inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );
});

describe('the inline start-up style', () => {
  const styledPage = (css: string) => `<!doctype html><style>${css}</style><div id="root"></div>`;
  // What a browser computes for the CSP: base64 of the SHA-256 of the element's text.
  const RED = "'sha256-" + createHash('sha256').update('body{color:red}').digest('base64') + "'";

  const styleSources = (csp: string | undefined) =>
    /style-src ([^;]*)/
      .exec(csp ?? '')?.[1]
      ?.trim()
      .split(/\s+/);

  it('is allowed by its hash and no other inline style is', async () => {
    const dir = builtAppDir();
    writeFileSync(path.join(dir, 'index.html'), styledPage('body{color:red}'));
    const response = await (await appServing(dir)).inject({ url: '/notes', headers: html });
    expect(styleSources(response.headers['content-security-policy'] as string)).toEqual([
      "'self'",
      RED,
    ]);
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('is allowed again after a rebuild changes it, without a restart', async () => {
    const dir = builtAppDir();
    const index = path.join(dir, 'index.html');
    writeFileSync(index, styledPage('body{color:blue}'));
    const server = await appServing(dir);
    await server.inject({ url: '/', headers: html });
    writeFileSync(index, styledPage('body{color:red}'));
    // A later modification time, as a rebuild leaves; the server looks again after a second.
    utimesSync(index, new Date(), new Date(Date.now() + 5_000));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const response = await server.inject({ url: '/', headers: html });
    expect(styleSources(response.headers['content-security-policy'] as string)).toEqual([
      "'self'",
      RED,
    ]);
  });
});

describe('preloads of a screen loaded on demand', () => {
  function appWithPreloads(list: string): string {
    const dir = builtAppDir();
    writeFileSync(path.join(dir, 'route-preloads.json'), list);
    return dir;
  }
  const LIST = JSON.stringify({ '/settings': ['/assets/Settings-1.js', '/assets/shared-2.js'] });

  it('are sent with the page that opens that screen, as Link modulepreload', async () => {
    const server = await appServing(appWithPreloads(LIST));
    const response = await server.inject({ url: '/settings?from=menu', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
    expect(response.headers['link']).toBe(
      '</assets/Settings-1.js>; rel=modulepreload; crossorigin, ' +
        '</assets/shared-2.js>; rel=modulepreload; crossorigin',
    );
  });

  it('are not sent with other pages', async () => {
    const server = await appServing(appWithPreloads(LIST));
    for (const url of ['/notes', '/notes/settings', '/']) {
      const response = await server.inject({ url, headers: html });
      expect(response.statusCode).toBe(200);
      expect(response.headers['link']).toBeUndefined();
    }
  });

  it.each([
    ['a file that is not JSON', '{ not json'],
    [
      'entries that are not paths of this site',
      '{"/settings": ["https://elsewhere.example/x.js"]}',
    ],
  ])('ignore %s: the page is served without them', async (_what, list) => {
    const server = await appServing(appWithPreloads(list));
    const response = await server.inject({ url: '/settings', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['link']).toBeUndefined();
  });
});

/** The copies scripts/precompress.mjs writes beside a file after the build. */
function precompress(dir: string, file: string, body: string): void {
  writeFileSync(path.join(dir, `${file}.br`), brotliCompressSync(body));
  writeFileSync(path.join(dir, `${file}.gz`), gzipSync(body));
}

describe('precompressed copies', () => {
  const SCRIPT = 'console.log("a script long enough to be worth compressing");';

  function compressedApp(): string {
    const dir = builtAppDir();
    writeFileSync(path.join(dir, 'assets', 'x.js'), SCRIPT);
    precompress(dir, 'assets/x.js', SCRIPT);
    precompress(dir, 'index.html', INDEX_HTML);
    return dir;
  }

  it('sends brotli to a browser that accepts it, with the type of the file itself', async () => {
    const server = await appServing(compressedApp());
    const response = await server.inject({
      url: '/assets/x.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['vary']).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends gzip where brotli is not accepted, and the file itself where neither is', async () => {
    const server = await appServing(compressedApp());
    const gzip = await server.inject({
      url: '/assets/x.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);
    const plain = await server.inject({ url: '/assets/x.js', headers: { 'accept-encoding': '' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('compresses the page sent for a deep link, which is still revalidated', async () => {
    const server = await appServing(compressedApp());
    const response = await server.inject({
      url: '/notes/abc',
      headers: { ...html, 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(INDEX_HTML);
  });

  it('still hides source maps from a browser that accepts brotli', async () => {
    const dir = compressedApp();
    precompress(dir, 'assets/x.js.map', '{"version":3}');
    const server = await appServing(dir);
    const response = await server.inject({
      url: '/assets/x.js.map',
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('an app dir without index.html', () => {
  const emptyDir = (): string => mkdtempSync(path.join(tmpdir(), 'outpost-unbuilt-'));

  it.each(['/', '/notes/abc', '/sw.js'])('answers %s with 503 app_not_built', async (url) => {
    const response = await (await appServing(emptyDir())).inject({ url, headers: html });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: { code: 'app_not_built' } });
  });

  it('[S1] still answers the API', async () => {
    const missing = path.join(emptyDir(), 'not-there');
    const response = await (await appServing(missing)).inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
  });
});

describe('cacheControlFor', () => {
  it('treats only files inside assets/ as immutable', () => {
    expect(cacheControlFor('/d', '/d/assets/index-abc123.js')).toContain('immutable');
    expect(cacheControlFor('/d', '/d/assets.js')).toBe('no-cache');
    expect(cacheControlFor('/d', '/d/icons/icon-192.png')).toBe('no-cache');
  });
});
