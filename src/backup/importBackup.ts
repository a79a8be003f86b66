import { COLLECTIONS, emptyFields, specOf, type CollectionName } from '../model/collections.ts';
import { validateFields } from '../model/validation.ts';
import { IdSchema } from '../protocol/mutation.ts';
import type { Outpost } from '../db/outpost.ts';
import { allOrNothing, readLiveRecords } from '../db/snapshot.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupEnvelopeSchema,
  BackupRecordSchema,
} from './format.ts';

/**
 * Importing a backup (format.ts) in two steps, the way a person meets it: read the file and
 * say what is in it (previewImport: how many notes and contacts, which records are invalid and
 * why, which are already here), then write it (importRecords).
 *
 * Every record is written through the repositories as an ordinary creation, so it syncs like
 * anything typed. All or nothing: the whole import is one transaction, so a failure halfway
 * (a full disk, a closed tab) leaves the device as it was, and importing the file again is
 * the way to resume.
 */

/** A file larger than this is refused before it is read: a backup of 10,000 notes is ~3 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Records per repository call: the progress bar moves between them. */
const BATCH = 500;

export type ImportErrorCode =
  'too_large' | 'not_json' | 'not_a_backup' | 'newer_version' | 'unreadable';

/** A file that cannot be imported at all; nothing was changed. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportableRecord {
  collection: CollectionName;
  id: string;
  fields: Record<string, unknown>;
}

/** A record of the file left out, with why, in words. `position`: its place in its list, from 1. */
export interface InvalidRecord {
  collection: string;
  position: number;
  reason: string;
}

export interface ParsedBackup {
  records: ImportableRecord[];
  invalid: InvalidRecord[];
}

/** Reads a backup file's text: its valid records, and each invalid one with the reason. */
export function parseBackup(text: string): ParsedBackup {
  if (text.length > MAX_IMPORT_BYTES) throw fileTooLarge(text.length);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError(
      'not_json',
      'This file is not an Outpost backup: it is not JSON, or it was cut short.',
    );
  }
  const envelope = BackupEnvelopeSchema.safeParse(json);
  const version = (json as { version?: unknown } | null)?.version;
  if (
    (envelope.success && envelope.data.version > BACKUP_VERSION) ||
    (!envelope.success && isNewerBackup(json, version))
  ) {
    throw new ImportError(
      'newer_version',
      `This backup was made by a newer Outpost (format ${String(version)}). Update the app, then import it again.`,
    );
  }
  if (!envelope.success) {
    throw new ImportError('not_a_backup', 'This JSON file is not an Outpost backup.');
  }
  return checkCandidates(
    Object.entries(envelope.data.collections).flatMap(([collection, list]) =>
      list.map((item): Candidate => {
        const shaped = BackupRecordSchema.safeParse(item);
        if (shaped.success) return { collection, id: shaped.data.id, fields: shaped.data.fields };
        const issue = shaped.error.issues[0];
        const reason = `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'not a record'}`;
        return { collection, fields: {}, reason };
      }),
    ),
  );
}

function isNewerBackup(json: unknown, version: unknown): boolean {
  const format = (json as { format?: unknown } | null)?.format;
  return format === BACKUP_FORMAT && typeof version === 'number' && version > BACKUP_VERSION;
}

/**
 * A record as a file gave it, before it is checked: its collection, its id if the file had one
 * (a made-up one otherwise, to tell records apart in the preview), its fields, or the reason it
 * could not even be read.
 */
export interface Candidate {
  collection: string;
  id?: string;
  fields: Record<string, unknown>;
  reason?: string;
}

/**
 * Every format's records, checked the same way: a collection this app has, a valid id given
 * once, and fields R1 accepts (a field the file lacks starts empty, as in a new record).
 * `position` counts within each collection, from 1, in the file's order.
 */
export function checkCandidates(candidates: Candidate[]): ParsedBackup {
  const parsed: ParsedBackup = { records: [], invalid: [] };
  const seen = new Set<string>();
  const positions = new Map<string, number>();
  for (const candidate of candidates) {
    const { collection } = candidate;
    const position = (positions.get(collection) ?? 0) + 1;
    positions.set(collection, position);
    const checked = checkCandidate(candidate);
    const key = `${collection}:${checked.record?.id ?? ''}`;
    const reason =
      checked.reason ?? (seen.has(key) ? 'its id appears earlier in the file' : undefined);
    if (reason !== undefined) {
      parsed.invalid.push({ collection, position, reason });
    } else {
      seen.add(key);
      parsed.records.push(checked.record!);
    }
  }
  return parsed;
}

function checkCandidate(candidate: Candidate): { record?: ImportableRecord; reason?: string } {
  const { collection, reason } = candidate;
  if (!(COLLECTIONS as string[]).includes(collection)) {
    return { reason: `this version of Outpost has no “${collection}”` };
  }
  if (reason !== undefined) return { reason };
  // The file's id, where it is one, tells a record again (previewImport); another app's ids
  // ("1", "my-note") are no use for that, and the record is imported all the same.
  const id = IdSchema.safeParse(candidate.id).success ? candidate.id! : crypto.randomUUID();
  const spec = specOf(collection as CollectionName);
  const fields = { ...emptyFields(spec), ...candidate.fields };
  const problems = validateFields(spec, fields);
  if (problems.length > 0) return { reason: problems.map((problem) => problem.message).join('; ') };
  return { record: { collection: collection as CollectionName, id, fields } };
}

/** The error for a file of `size` bytes or characters, larger than MAX_IMPORT_BYTES. */
export function fileTooLarge(size: number): ImportError {
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return new ImportError(
    'too_large',
    `This file is ${megabytes(size)}; Outpost imports backups of up to ${megabytes(MAX_IMPORT_BYTES)}.`,
  );
}

export interface ImportPreview {
  /** Valid records of the file, per collection. */
  counts: Record<CollectionName, number>;
  /**
   * Records already on this device: the same id (an earlier import of this backup, or the
   * records it was made from), or, for contacts, the same name and email.
   */
  duplicates: ImportableRecord[];
  invalid: InvalidRecord[];
  records: ImportableRecord[];
}

/** What importing `parsed` would do on this device. Reads only. */
export async function previewImport(
  outpost: Outpost,
  parsed: ParsedBackup,
): Promise<ImportPreview> {
  const live = await readLiveRecords(outpost.db);
  const liveIds = new Set(COLLECTIONS.flatMap((c) => live[c].map((record) => `${c}:${record.id}`)));
  const alike = new Set(
    COLLECTIONS.flatMap((c) => live[c].map((record) => sameContentKey(c, record))),
  );
  const duplicates = parsed.records.filter(
    (record) =>
      liveIds.has(`${record.collection}:${record.id}`) ||
      alike.has(sameContentKey(record.collection, record.fields)),
  );
  const counts = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<
    CollectionName,
    number
  >;
  for (const record of parsed.records) counts[record.collection] += 1;
  return { counts, duplicates, invalid: parsed.invalid, records: parsed.records };
}

/**
 * A record as a person recognizes it again, case and spaces aside: a contact by name and
 * email, a note by title and text (a Markdown file imported twice has no id to tell by).
 */
function sameContentKey(collection: CollectionName, fields: object): string {
  const values = fields as Record<string, unknown>;
  const text = (field: string) =>
    String(values[field] ?? '')
      .trim()
      .toLowerCase();
  const key =
    collection === 'contacts' ? [text('name'), text('email')] : [text('title'), text('body')];
  return `${collection}\n${key.join('\n')}`;
}

/**
 * Writes the preview's records: duplicates are skipped, or with `keepDuplicates` imported as
 * records of their own. Every record gets a new id: the file's id serves only to know a record
 * again (previewImport). Kept, it could name a record this device or the server holds deleted
 * (a creation the server would refuse as a conflict, or one a move into an account would skip
 * and drop); new, an import only ever adds. `onProgress(done, total)` after each batch.
 * Returns how many of each were imported.
 */
export async function importRecords(
  outpost: Outpost,
  preview: ImportPreview,
  options: { keepDuplicates: boolean; onProgress?: (done: number, total: number) => void },
): Promise<Record<CollectionName, number>> {
  const duplicates = new Set(preview.duplicates);
  const chosen = preview.records.filter(
    (record) => options.keepDuplicates || !duplicates.has(record),
  );
  const imported = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<
    CollectionName,
    number
  >;
  await allOrNothing(outpost.db, async () => {
    let done = 0;
    for (const collection of COLLECTIONS) {
      const ofCollection = chosen.filter((record) => record.collection === collection);
      for (let start = 0; start < ofCollection.length; start += BATCH) {
        const batch = ofCollection.slice(start, start + BATCH);
        const ids = batch.map(() => outpost.deps.newId());
        const written = await createMany(outpost, collection, batch, ids);
        imported[collection] += written;
        done += batch.length;
        options.onProgress?.(done, chosen.length);
      }
    }
  });
  return imported;
}

async function createMany(
  outpost: Outpost,
  collection: CollectionName,
  batch: ImportableRecord[],
  ids: string[],
): Promise<number> {
  // Each record's fields were checked against its collection's spec in parseBackup.
  const fields = batch.map((record) => record.fields as never);
  return (await outpost[collection].createMany(fields, { ids })).length;
}
