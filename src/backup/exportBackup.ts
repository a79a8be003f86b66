import { COLLECTIONS, fieldNames, specOf } from '../model/collections.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { readLiveRecords } from '../db/snapshot.ts';
import type { AnyStoredRecord } from '../db/types.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, type BackupRecord } from './format.ts';

/** The device's live notes and contacts as a backup file (format.ts). Works offline. */
export async function exportBackup(db: OutpostDatabase, now = new Date()): Promise<BackupFile> {
  const live = await readLiveRecords(db);
  const collections: Record<string, BackupRecord[]> = {};
  for (const collection of COLLECTIONS) {
    const fields = fieldNames(specOf(collection));
    collections[collection] = live[collection].map((record) => backupRecord(record, fields));
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    collections,
  };
}

function backupRecord(record: AnyStoredRecord, fields: string[]): BackupRecord {
  const values = record as unknown as Record<string, unknown>; // a stored record holds its fields at the top
  return {
    id: record.id,
    fields: Object.fromEntries(fields.map((field) => [field, values[field]])),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
    unsynced: record.pending === 1,
  };
}
