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
  password: z
    .string()
    .check(
      z.minLength(8, 'A password has at least 8 characters'),
      z.maxLength(200, 'A password has at most 200 characters'),
    ),
});

const UserSchema = z.object({ id: z.string(), username: z.string() });
export type SignedInUser = z.infer<typeof UserSchema>;

/** [A1][A2] the answer to a sign-up or a sign-in. */
export const SessionReplySchema = z.object({ user: UserSchema, token: z.string() });

/** [A3] GET /api/auth/me. */
export const MeReplySchema = z.object({ user: UserSchema });
