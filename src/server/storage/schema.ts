import type { Generated } from 'kysely';

/**
 * The sync server's tables, as Kysely sees them. The same schema runs on SQLite and
 * PostgreSQL: times and versions are 64-bit integers (read back as numbers), and structured
 * values (fields, OR-set adds, clocks, results) are JSON text, which both store the same way.
 */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  created_at: number;
  /** [R4] the user's change counter: the version of the user's last change. */
  change_counter: number;
  /** [L4] the highest version among tombstones purged so far; pulls from below it get 410. */
  purged_through: number;
  /** [P3] JSON {notes, contacts}: 'ask' | 'latest-wins'. */
  conflict_strategy: string;
}

export interface SessionsTable {
  /** [A4] only the SHA-256 of a token is stored. */
  token_hash: string;
  /** [A6] how the person names this session when ending it: not the token, nor its hash. */
  id: string;
  user_id: string;
  created_at: number;
  /** [A6] the last request made with it (kept to the minute), for the idle lifetime. */
  last_seen_at: number;
  /** [P9][A6] the name the device last pushed with, or null. */
  device_name: string | null;
  /** [A6] the User-Agent it signed in with (cut to 200 characters), or null. */
  user_agent: string | null;
}

export interface RecordsTable {
  user_id: string;
  collection: string;
  id: string;
  version: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  fields: string;
  set_adds: string;
  clocks: string;
  /** [P9] the name of the device that made the last change, or null. */
  changed_by: string | null;
  /** JSON of the fields whose value overruled another device's write (StoredServerRecord), or null. */
  replaced: string | null;
}

export interface MutationResultsTable {
  user_id: string;
  mutation_id: string;
  /** [P1] the result the mutation got the first time, returned again on every replay. */
  result: string;
  created_at: number;
}

export interface HistoryTable {
  seq: Generated<number>;
  user_id: string;
  collection: string;
  record_id: string;
  version: number;
  at: number;
  client_id: string;
  op: string;
  previous: string;
  /** JSON of the values this change set that lost under latest-wins (P3), or null. */
  lost: string | null;
  /** [P9] the name of the device that made the change, or null. */
  device_name: string | null;
}

/** [T3] shared rate-limit windows (PostgreSQL; rateLimit.ts). */
export interface RateLimitsTable {
  bucket: string;
  key: string;
  window_start: number;
  count: number;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  records: RecordsTable;
  mutation_results: MutationResultsTable;
  history: HistoryTable;
  rate_limits: RateLimitsTable;
}
