import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { AccountDeletionSchema, PasswordChangeSchema } from '../../protocol/auth.ts';
import { browserLabel } from '../auth/browserLabel.ts';
import { hashPassword, verifyPassword, type ScryptCost } from '../auth/passwords.ts';
import { requireSession, setSessionCookie } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import type { OpenStreams } from '../events/openStreams.ts';
import type { RateLimiter } from '../rateLimit.ts';
import type { UserStore } from '../storage/users.ts';

export interface AccountRouteOptions {
  users: UserStore;
  now: () => number;
  /** Password checks per client address, as for sign-in: guessing stays slow. */
  limiter: RateLimiter;
  /** Requests of a signed-in user here, per user. */
  accountLimiter: RateLimiter;
  passwordCost: ScryptCost;
  /** The event streams open on this server: those of a session that ends are ended. */
  streams: OpenStreams;
}

const SessionIdSchema = z.object({ id: z.string().check(z.maxLength(100)) });

/**
 * [A6] What a signed-in person does with their account: see the sessions it has and end them,
 * change the password (which ends every other session), and delete the account.
 */
export async function accountRoutes(
  app: FastifyInstance,
  { users, now, limiter, accountLimiter, passwordCost, streams }: AccountRouteOptions,
): Promise<void> {
  const signedIn = async (request: FastifyRequest) => {
    const session = await requireSession(request, users, now());
    await accountLimiter.take(session.user.id);
    return session;
  };

  /** The password of the signed-in user, given again: a session alone is not enough here. */
  const confirmPassword = async (request: FastifyRequest, userId: string, password: string) => {
    await limiter.take(request.ip);
    const hash = await users.passwordHashOf(userId);
    if (!hash || !(await verifyPassword(password, hash))) {
      // 403, not 401: the session is fine, and a 401 would sign the device out.
      throw new ApiError(403, 'wrong_password', 'That is not the password of this account');
    }
  };

  app.get('/sessions', async (request) => {
    const { user, sessionId } = await signedIn(request);
    const sessions = await users.sessions.list(user.id, now());
    return {
      sessions: sessions.map(({ userAgent, ...session }) => ({
        ...session,
        browser: browserLabel(userAgent),
        current: session.id === sessionId,
      })),
    };
  });

  app.delete('/sessions/:id', async (request, reply) => {
    const { user } = await signedIn(request);
    const { id } = SessionIdSchema.parse(request.params);
    if (!(await users.sessions.removeById(user.id, id, now()))) {
      throw new ApiError(404, 'session_not_found', 'That session has already ended');
    }
    streams.endSessions(user.id, (ended) => ended === id);
    return reply.code(204).send();
  });

  app.post('/sessions/sign-out-others', async (request) => {
    const { user, sessionId } = await signedIn(request);
    const signedOut = await users.sessions.removeOthers(user.id, sessionId);
    streams.endSessions(user.id, (ended) => ended !== sessionId);
    return { signedOut };
  });

  app.post('/password', async (request) => {
    const { user, sessionId } = await signedIn(request);
    const { password, newPassword } = PasswordChangeSchema.parse(request.body);
    await confirmPassword(request, user.id, password);
    await users.setPasswordHash(user.id, await hashPassword(newPassword, passwordCost));
    // Whoever else held a session may have known the old password: they sign in again.
    const signedOut = await users.sessions.removeOthers(user.id, sessionId);
    streams.endSessions(user.id, (ended) => ended !== sessionId);
    return { signedOut };
  });

  app.post('/account/delete', async (request, reply) => {
    const { user } = await signedIn(request);
    const { password } = AccountDeletionSchema.parse(request.body);
    await confirmPassword(request, user.id, password);
    await users.deleteAccount(user.id);
    streams.endSessions(user.id, () => true);
    setSessionCookie(request, reply, null);
    return reply.code(204).send();
  });
}
