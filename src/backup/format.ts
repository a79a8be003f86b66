import { z } from 'zod';
import { IdSchema } from '../protocol/mutation.ts';

/**
 * The backup file: every live note and contact of the device, as JSON. Versioned, so a later
 * app can read an older file and an older app refuses a newer one in words instead of guessing.
 *
 * ```json
 * { "format": "outpost-backup", "version": 1, "exportedAt": "2026-12-04T10:00:00.000Z",
 *   "collections": { "notes": [{ "id": "…", "fields": { "title": "…", … },
 *     "createdAt": 1764840000000, "updatedAt": 1764840000000, "version": 12, "unsynced": false }] } }
 * ```
 *
 * `version` and `unsynced` are the record's sync state when it was exported (the server's
 * version it was last synced at; whether it had changes the server had not seen yet): kept for
 * the person's information, not used by an import, which writes each record as new.
 */
export const BACKUP_FORMAT = 'outpost-backup';
export const BACKUP_VERSION = 1;

export interface BackupRecord {
  id: string;
  fields: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  version: number;
  unsynced: boolean;
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  collections: Record<string, BackupRecord[]>;
}

/** The envelope; each record is checked on its own, so one bad record spoils only itself. */
export const BackupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.string(),
  collections: z.record(z.string(), z.array(z.unknown())),
});

export const BackupRecordSchema = z.object({
  id: IdSchema,
  fields: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int().nonnegative(),
  unsynced: z.boolean(),
});
