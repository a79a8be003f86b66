/**
 * The protocol's schemas that the app checks answers and events with. Loaded on demand, never
 * at start: see answers.ts.
 */
export { ErrorBodySchema, ErrorDetailsSchema } from '../protocol/errors.ts';
export { SessionListSchema, SessionReplySchema, SignedOutReplySchema } from '../protocol/auth.ts';
export {
  DigestResponseSchema,
  HistoryResponseSchema,
  PokeSchema,
  PullResponseSchema,
  PushResponseSchema,
  RangeResponseSchema,
  SettingsSchema,
} from '../protocol/sync.ts';
