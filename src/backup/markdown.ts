import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { FieldsOf } from '../model/collections.ts';
import type { Candidate } from './importBackup.ts';

/**
 * Notes as Markdown files in a zip (fflate: small, no dependencies, maintained): one file per
 * note, named after its title, its body as written, and front matter for what a body has no
 * place for. Each front-matter value is JSON, which YAML reads too, so any text survives:
 *
 * ```
 * ---
 * id: "5f0c…"
 * title: "Groceries"
 * tags: ["home"]
 * pinned: true
 * ---
 * milk
 * ```
 *
 * An import takes any .md file: without front matter, the title is the file's name.
 */

type NoteFields = FieldsOf['notes'];

const FRONT = '---\n';

export function notesToMarkdownZip(notes: (NoteFields & { id: string })[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const note of notes) {
    const front = [
      `id: ${JSON.stringify(note.id)}`,
      `title: ${JSON.stringify(note.title)}`,
      `tags: ${JSON.stringify(note.tags)}`,
      `pinned: ${JSON.stringify(note.pinned)}`,
    ].join('\n');
    files[uniqueName(files, note.title)] = strToU8(`${FRONT}${front}\n${FRONT}${note.body}`);
  }
  return zipSync(files);
}

/** Names Windows keeps for devices: a file may not be called that, whatever its extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name from a title: the characters file systems refuse replaced, and one name per note
 * as macOS and Windows compare names (case and Unicode form aside).
 */
function uniqueName(taken: Record<string, unknown>, title: string): string {
  const safe = [...title].map((char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? '-' : char));
  const trimmed = safe.join('').trim().slice(0, 80) || 'Untitled';
  const base = RESERVED.test(trimmed) ? `${trimmed}-note` : trimmed;
  const used = new Set(Object.keys(taken).map((name) => name.normalize('NFC').toLowerCase()));
  let name = `${base}.md`;
  for (let count = 2; used.has(name.normalize('NFC').toLowerCase()); count++) {
    name = `${base} (${count}).md`;
  }
  return name;
}

/** What a zip may unpack to in all: a zip of a few MB that unpacks to gigabytes is refused. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** The notes of a zip of Markdown files; undefined when the bytes are not a zip. */
export function notesFromMarkdownZip(bytes: Uint8Array): Candidate[] | undefined {
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        // macOS's Finder adds __MACOSX/._Name.md beside each file: its metadata, not a note.
        const name = file.name.split('/').at(-1) ?? '';
        if (!/\.(md|markdown)$/i.test(name) || name.startsWith('._')) return false;
        if (file.name.startsWith('__MACOSX/')) return false;
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new Error('too large unpacked');
        return true;
      },
    });
  } catch {
    return undefined;
  }
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, content]) => noteOf(path, strFromU8(content)));
}

function noteOf(path: string, text: string): Candidate {
  const fileTitle = (path.split('/').at(-1) ?? path).replace(/\.(md|markdown)$/i, '');
  const normalized = text.replace(/\r\n/g, '\n');
  const end = normalized.startsWith(FRONT)
    ? normalized.indexOf(`\n${FRONT}`, FRONT.length - 1)
    : -1;
  if (end === -1) return { collection: 'notes', fields: { title: fileTitle, body: normalized } };
  const front = frontMatter(normalized.slice(FRONT.length, end + 1));
  // A body that opens with a horizontal rule (---) has no front matter: it is all body.
  if (!front) return { collection: 'notes', fields: { title: fileTitle, body: normalized } };
  // Only what a note has (a date, aliases of hand-written front matter are left), and only
  // values of the right kind: a hand-written `pinned: yes` is text, not a flag.
  const { id, title, tags, pinned } = front;
  return {
    collection: 'notes',
    ...(typeof id === 'string' ? { id } : {}),
    fields: {
      title: typeof title === 'string' ? title : fileTitle,
      ...(Array.isArray(tags) ? { tags } : {}),
      ...(typeof pinned === 'boolean' ? { pinned } : {}),
      body: normalized.slice(end + 1 + FRONT.length),
    },
  };
}

/**
 * `key: JSON` lines; a value that is not JSON is taken as plain text, and a line of YAML this
 * does not read (a block list, a nested key) is passed over: hand-written front matter never
 * makes a note unreadable. Undefined when no line has a key: then it was no front matter.
 */
function frontMatter(block: string): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  for (const line of block.split('\n')) {
    const match = /^([A-Za-z][\w-]*):\s?(.*)$/.exec(line);
    if (!match) continue;
    const [, key, raw = ''] = match;
    try {
      values[key!] = JSON.parse(raw);
    } catch {
      values[key!] = raw.trim();
    }
  }
  return Object.keys(values).length > 0 ? values : undefined;
}
