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
  /**
   * [P3 latest-wins, issue 13] fields whose value replaced a write its device had not seen
   * overruled: for each, that device's clientId and the version it happened at. Kept while the
   * field holds the value, so the overruled device is told at its next pull, however late.
   */
  replaced?: Replaced;
}

/** Per field: the overruled device, the version it happened at, and [P9] the overruling one's name. */
export type Replaced = Record<string, { clientId: string; version: number; by?: string }>;

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

/**
 * What goes beside a record on the wire: [P9] the name of the device of its last change, if it
 * sent one, and the fields whose value overruled another device's (see `replaced`).
 */
export function annotationsOf(record: StoredServerRecord): {
  changedBy?: string;
  replaced?: Replaced;
} {
  return {
    ...(record.changedBy === undefined ? {} : { changedBy: record.changedBy }),
    ...(record.replaced && Object.keys(record.replaced).length > 0
      ? { replaced: record.replaced }
      : {}),
  };
}

/** What a history entry (H1) keeps of one applied change. */
export type PreviousValues = Record<string, FieldValue | number | null>;
