// `npm start`: build the app and the server when the build is missing or older than its
// sources, then run the server. The server runs in this very process (imported, not spawned),
// so Ctrl-C, SIGTERM and the exit code are the server's own with nothing to forward.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => path.join(root, ...parts);

const SERVER = at('dist-server', 'server', 'main.js');
// Written only after a successful `npm run build` from here: a failed build leaves outputs
// that look fresh (tsc emits despite type errors), so their own mtimes prove nothing.
const STAMP = at('dist-server', '.build-stamp');
const OUTPUTS = [STAMP, SERVER, at('dist', 'index.html')];
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

/** The newest modification time (ms) of a file or of any file below a directory; 0 if absent. */
function newestMtime(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const entries = readdirSync(file).map((name) => newestMtime(path.join(file, name)));
  return Math.max(stat.mtimeMs, ...entries);
}

function tsconfigs() {
  return readdirSync(root).filter((name) => /^tsconfig\..+\.json$/.test(name));
}

function buildIsFresh() {
  if (!OUTPUTS.every((file) => existsSync(file))) return false;
  const sources = [...SOURCES, ...tsconfigs()].map((name) => newestMtime(at(name)));
  return statSync(STAMP).mtimeMs >= Math.max(...sources);
}

function build() {
  console.log('Outpost: the build is missing or older than the sources; running npm run build');
  const startedAt = new Date();
  // Under `npm start`, npm_execpath is the npm that runs us: use the same one.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const result = spawnSync(command, [...args, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Outpost: the build failed; not starting the server');
    process.exit(result.status ?? 1);
  }
  // Date the stamp at the build's start: a source saved during the build is newer than it.
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  utimesSync(STAMP, startedAt, startedAt);
}

if (!buildIsFresh()) build();
await import(pathToFileURL(SERVER).href);
