import type { FieldValue } from './mutation.ts';

/**
 * Records on the wire (PROTOCOL.md R1, R2). The page, the service worker and the server all
 * speak these types; local-only bookkeeping (see src/db/types.ts) never leaves the device.
 * Which collections exist and which fields each has is declared in src/model/collections: the
 * protocol carries any declared collection the same way.
 */

/** [R2] what every record carries besides its fields. Times are ms; the server's clock wins. */
// A type, not an interface: a record of any collection must fit AnyWireRecord's index signature.
export type RecordMeta = {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Deletes are soft: a tombstone keeps its fields so a restore loses nothing. */
  deletedAt: number | null;
  /** [R4] the owner's change counter at the record's last change; 0 = never synced. */
  version: number;
};

/** A record of any collection: its fields are values of the R1 kinds. */
export type AnyWireRecord = RecordMeta & Record<string, FieldValue | null>;
