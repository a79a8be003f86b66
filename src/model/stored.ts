import type { FieldValue } from '../protocol/mutation.ts';
import type { AnyWireRecord } from '../protocol/records.ts';

/**
 * A record as the sync server keeps it: the wire record plus the bookkeeping its merges need.
 * Pure data, so the push logic that reads and writes it (apply.ts) stays a pure function.
 */
export interface StoredServerRecord {
  collection: string;
  id: string;
  fields: Record<string, FieldValue>;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  version: number;
  /**
   * [R3] observed-remove sets: for each set field, each element's version when it was last
   * added. A remove from a device whose baseVersion is older than that add did not see it,
   * so the add wins.
   */
  setAdds: Record<string, Record<string, number>>;
  /** [P3 latest-wins] who last wrote each register/text field, and when (device clock). */
  clocks: Record<string, { clientTime: number; clientId: string }>;
  /**
   * [P9] the name of the device that made the last change, as it sent it: a display label,
   * kept beside the record (never one of its fields) and absent when it sent none.
   */
  changedBy?: string;
}

export function toWireRecord(record: StoredServerRecord): AnyWireRecord {
  return {
    ...record.fields,
    id: record.id,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    deletedAt: record.deletedAt,
    version: record.version,
  };
}

/** [P9] beside a record on the wire: the name of the device of its last change, if it sent one. */
export function changedByOf(record: StoredServerRecord): { changedBy?: string } {
  return record.changedBy === undefined ? {} : { changedBy: record.changedBy };
}

/** What a history entry (H1) keeps of one applied change. */
export type PreviousValues = Record<string, FieldValue | number | null>;
