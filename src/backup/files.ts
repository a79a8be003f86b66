import { strFromU8 } from 'fflate';
import type { OutpostDatabase } from '../db/schema.ts';
import { readLiveRecords } from '../db/snapshot.ts';
import { contactsFromCsv, contactsToCsv } from './csv.ts';
import { exportBackup } from './exportBackup.ts';
import {
  checkCandidates,
  fileTooLarge,
  ImportError,
  MAX_IMPORT_BYTES,
  parseBackup,
  type Candidate,
  type ParsedBackup,
} from './importBackup.ts';
import { notesFromMarkdownZip, notesToMarkdownZip } from './markdown.ts';
import { contactsFromVCard, contactsToVCard } from './vcard.ts';
import type { ExportFormat } from './formatNames.ts';

/**
 * The files a person can take their data away in, and bring it back from: the full backup
 * (JSON, every record), notes as Markdown in a zip, contacts as vCard 4.0 or CSV. Each export
 * reads one consistent moment of the device (readLiveRecords); each import is read into the
 * same checked records (checkCandidates) and goes through the same preview and import.
 */

export interface ExportFile {
  name: string;
  type: string;
  content: string | Uint8Array;
  counts: { notes: number; contacts: number };
}

export async function exportFile(
  db: OutpostDatabase,
  format: ExportFormat,
  now = new Date(),
): Promise<ExportFile> {
  const day = now.toISOString().slice(0, 10);
  if (format === 'backup') {
    const backup = await exportBackup(db, now);
    const counts = {
      notes: backup.collections['notes']?.length ?? 0,
      contacts: backup.collections['contacts']?.length ?? 0,
    };
    const content = JSON.stringify(backup, null, 1);
    return { name: `outpost-backup-${day}.json`, type: 'application/json', content, counts };
  }
  const { notes, contacts } = await readLiveRecords(db);
  if (format === 'markdown') {
    const content = notesToMarkdownZip(notes);
    return {
      name: `outpost-notes-${day}.zip`,
      type: 'application/zip',
      content,
      counts: { notes: notes.length, contacts: 0 },
    };
  }
  const counts = { notes: 0, contacts: contacts.length };
  return format === 'vcard'
    ? {
        name: `outpost-contacts-${day}.vcf`,
        type: 'text/vcard',
        content: contactsToVCard(contacts),
        counts,
      }
    : {
        name: `outpost-contacts-${day}.csv`,
        type: 'text/csv',
        content: contactsToCsv(contacts),
        counts,
      };
}

/** A file chosen to import, read by its kind (its name's extension; JSON otherwise). */
export function readImportFile(name: string, bytes: Uint8Array): ParsedBackup {
  if (bytes.length > MAX_IMPORT_BYTES) throw fileTooLarge(bytes.length);
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'zip') {
    const notes = notesFromMarkdownZip(bytes);
    if (!notes) throw unreadable('This file is not a zip archive, or it was cut short.');
    return checkCandidates(notes);
  }
  const text = strFromU8(bytes);
  if (extension === 'vcf') return checkCandidates(readVCard(text));
  if (extension === 'csv') {
    const contacts = contactsFromCsv(text);
    if (!contacts) throw unreadable('This CSV file has no “name” column in its first row.');
    return checkCandidates(contacts);
  }
  return parseBackup(text);
}

function readVCard(text: string): Candidate[] {
  try {
    return contactsFromVCard(text);
  } catch (caught) {
    const detail = caught instanceof Error ? `: ${caught.message}` : '';
    throw unreadable(`This file is not a vCard file that can be read${detail}.`);
  }
}

function unreadable(message: string): ImportError {
  return new ImportError('unreadable', message);
}
