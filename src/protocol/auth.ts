import * as z from 'zod/mini';

/** Section A: signing up, signing in, and who the session is. */

/** [A1] usernames are case-folded before they are checked or stored. */
export const CredentialsSchema = z.strictObject({
  username: z.pipe(
    z.pipe(
      z.string(),
      z.transform((name: string) => name.toLowerCase()),
    ),
    z.string().check(z.regex(/^[a-z0-9_.-]{3,32}$/, 'A username has 3–32 of a–z, 0–9, _ . -')),
  ),
  password: newPassword(),
});

/** A password as it may be chosen: 8 to 200 characters. */
function newPassword() {
  return z
    .string()
    .check(
      z.minLength(8, 'A password has at least 8 characters'),
      z.maxLength(200, 'A password has at most 200 characters'),
    );
}

/** A password as it is given to confirm who is asking: checked against the hash, not rules. */
const givenPassword = () =>
  z.string().check(z.maxLength(200, 'A password has at most 200 characters'));

const UserSchema = z.object({ id: z.string(), username: z.string() });
export type SignedInUser = z.infer<typeof UserSchema>;

/** [A1][A2] the answer to a sign-up or a sign-in. */
export const SessionReplySchema = z.object({ user: UserSchema, token: z.string() });

/** [A3] GET /api/auth/me. */
export const MeReplySchema = z.object({ user: UserSchema });

/** [A6] POST /api/auth/password: the current password, and the one to use from now on. */
export const PasswordChangeSchema = z.strictObject({
  password: givenPassword(),
  newPassword: newPassword(),
});

/** [A6] POST /api/auth/account/delete: the password, so a borrowed session cannot do it. */
export const AccountDeletionSchema = z.strictObject({ password: givenPassword() });

/** [A6] GET /api/auth/sessions: the account's live sessions, the most recently used first. */
export const SessionListSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      /** The name its device pushes with (P9), or null before its first push. */
      deviceName: z.nullable(z.string()),
      /** Browser and system, read from the User-Agent it signed in with, e.g. "Chrome on Android". */
      browser: z.nullable(z.string()),
      createdAt: z.number(),
      lastSeenAt: z.number(),
      /** The session that asked. */
      current: z.boolean(),
    }),
  ),
});
export type SessionList = z.infer<typeof SessionListSchema>;
export type SessionSummary = SessionList['sessions'][number];

/** [A6] the answer to signing out the other sessions, or to a password change. */
export const SignedOutReplySchema = z.object({ signedOut: z.number() });
