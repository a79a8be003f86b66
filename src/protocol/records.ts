/**
 * Records on the wire (PROTOCOL.md R1, R2). The page, the service worker and the server all
 * speak these types; local-only bookkeeping (see src/db/types.ts) never leaves the device.
 */
export const COLLECTIONS = ['notes', 'contacts'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export interface NoteFields {
  title: string;
  body: string;
  pinned: boolean;
  tags: string[];
}

export interface ContactFields {
  name: string;
  email: string;
  phone: string;
  company: string;
  notes: string;
  favorite: boolean;
  tags: string[];
  timesContacted: number;
}

export interface FieldsOf {
  notes: NoteFields;
  contacts: ContactFields;
}

/** [R2] what every record carries besides its fields. Times are ms; the server's clock wins. */
export interface RecordMeta {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Deletes are soft: a tombstone keeps its fields so a restore loses nothing. */
  deletedAt: number | null;
  /** [R4] the owner's change counter at the record's last change; 0 = never synced. */
  version: number;
}

export type WireRecord<C extends CollectionName> = FieldsOf[C] & RecordMeta;
export type Note = WireRecord<'notes'>;
export type Contact = WireRecord<'contacts'>;
export type AnyWireRecord = WireRecord<CollectionName>;
