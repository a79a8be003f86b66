import { readFileSync, statSync } from 'node:fs';

// How long a reading is trusted before the file's modification time is checked again.
const RECHECK_MS = 1_000;

/**
 * A value read from a file of the built app, read again when the file changes: the server may
 * start before the app is built, or keep running across a rebuild (static.ts), and a stale
 * value would not fit the files served. `missing` while there is no such file, or when `read`
 * cannot make sense of it.
 */
export function fromBuiltFile<T>(file: string, read: (text: string) => T, missing: T): () => T {
  let checkedAt = -Infinity;
  let modifiedAt = NaN;
  let value = missing;
  return () => {
    const now = Date.now();
    if (now - checkedAt < RECHECK_MS) return value;
    checkedAt = now;
    const mtime = modificationTime(file);
    if (mtime === modifiedAt) return value;
    modifiedAt = mtime;
    value = Number.isNaN(mtime) ? missing : readOr(file, read, missing);
    return value;
  };
}

function readOr<T>(file: string, read: (text: string) => T, missing: T): T {
  try {
    return read(readFileSync(file, 'utf8'));
  } catch {
    return missing;
  }
}

function modificationTime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return NaN;
  }
}
