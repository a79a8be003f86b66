/**
 * The sync protocol version (PROTOCOL.md T2). Every `/api/sync/*` request carries it in the
 * `Outpost-Protocol` header; a server that does not support it answers 426.
 * Changing this number is a breaking change for every installed client: a test pins it.
 */
export const PROTOCOL_VERSION = 1;

export const PROTOCOL_HEADER = 'Outpost-Protocol';
