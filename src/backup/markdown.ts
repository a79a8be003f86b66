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

/** A file name from a title: the characters file systems refuse replaced, one per note. */
function uniqueName(taken: Record<string, unknown>, title: string): string {
  const safe = [...title].map((char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? '-' : char));
  const base = safe.join('').trim().slice(0, 80) || 'Untitled';
  let name = `${base}.md`;
  for (let count = 2; name in taken; count++) name = `${base} (${count}).md`;
  return name;
}

/** The notes of a zip of Markdown files; undefined when the bytes are not a zip. */
export function notesFromMarkdownZip(bytes: Uint8Array): Candidate[] | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => /\.(md|markdown)$/i.test(file.name) });
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
  if (!front)
    return { collection: 'notes', fields: {}, reason: `${path}: unreadable front matter` };
  // Only what a note has: other keys (a date, aliases) of hand-written front matter are left.
  const { id, title = fileTitle, tags, pinned } = front;
  return {
    collection: 'notes',
    ...(typeof id === 'string' ? { id } : {}),
    fields: {
      title,
      ...(tags === undefined ? {} : { tags }),
      ...(pinned === undefined ? {} : { pinned }),
      body: normalized.slice(end + 1 + FRONT.length),
    },
  };
}

/** `key: JSON` lines; a value that is not JSON is taken as plain text (hand-written YAML). */
function frontMatter(block: string): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  for (const line of block.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([A-Za-z]+):\s?(.*)$/.exec(line);
    if (!match) return undefined;
    const [, key, raw = ''] = match;
    try {
      values[key!] = JSON.parse(raw);
    } catch {
      values[key!] = raw.trim();
    }
  }
  return values;
}
