/**
 * The values of the contract that code needs at run time, with no schema library: the page and
 * the service worker import these without loading any schema they do not use.
 */

/** The longest device name a push may carry (P9): a label, not a document. */
export const MAX_DEVICE_NAME = 64;

/** [T4] limits every client and the server agree on. */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

/** Section M: what a mutation does to its record. */
export const MUTATION_OPS = ['put', 'delete', 'restore'] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];

/** [P3–P6] why a mutation was not applied. */
export const CONFLICT_REASONS = ['edit', 'deleted', 'delete-edited'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** [P3] how a user's colliding edits are settled, per collection. */
export const STRATEGIES = ['ask', 'latest-wins'] as const;
export type ConflictStrategy = (typeof STRATEGIES)[number];

/**
 * The code a client gives an answer that does not match its schema here: the server speaks
 * another version of the contract, or something between rewrote the answer.
 */
export const PROTOCOL_MISMATCH = 'protocol_mismatch';
