import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CredentialsSchema } from '../../protocol/auth.ts';
import {
  decoyHash,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptCost,
} from '../auth/passwords.ts';
import { requireSession, requireUser, setSessionCookie } from '../auth/session.ts';
import type { OpenStreams } from '../events/openStreams.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import type { RateLimiter } from '../rateLimit.ts';
import type { SessionLifetimes } from '../storage/sessions.ts';
import type { User, UserStore } from '../storage/users.ts';
import { accountRoutes } from './account.ts';

export interface AuthRouteOptions {
  users: UserStore;
  now: () => number;
  /** Sign-up and login attempts per client address: password guessing stays slow. */
  limiter: RateLimiter;
  /** Requests of a signed-in user here (who am I, sessions, sign-out), per user. */
  accountLimiter: RateLimiter;
  /** [A4] the cost new password hashes are made at. */
  passwordCost: ScryptCost;
  /** [A6] how long a session lasts. */
  lifetimes: SessionLifetimes;
  /** The event streams open on this server: a session that ends has its own ended. */
  streams: OpenStreams;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { users, now, limiter, accountLimiter, passwordCost, lifetimes, streams } = options;
  // Made before the first request, so the first unknown username takes no longer than others.
  const decoy = await decoyHash(passwordCost);
  async function startSession(request: FastifyRequest, user: User) {
    const token = newToken();
    await users.sessions.add(hashToken(token), user.id, now(), request.headers['user-agent']);
    return { token, maxAgeMs: lifetimes.maxMs };
  }

  app.post('/signup', async (request, reply) => {
    await limiter.take(request.ip);
    const { username, password } = CredentialsSchema.parse(request.body);
    const user = await users.create(username, await hashPassword(password, passwordCost), now());
    if (!user) throw new ApiError(409, 'username_taken', 'That username is taken; choose another');
    const session = await startSession(request, user);
    setSessionCookie(request, reply, session);
    return reply.code(201).send({ user, token: session.token });
  });

  app.post('/login', async (request, reply) => {
    await limiter.take(request.ip);
    const { username, password } = CredentialsSchema.parse(request.body);
    const found = await users.findByName(username);
    // [A2] same work and same answer for an unknown user and a wrong password.
    const valid = await verifyPassword(password, found?.password_hash ?? decoy);
    if (!found || !valid)
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    // [A4] a hash made at an older cost is made again now, while the password is at hand.
    if (needsRehash(found.password_hash, passwordCost))
      await users.setPasswordHash(found.id, await hashPassword(password, passwordCost));
    const user = { id: found.id, username: found.username };
    const session = await startSession(request, user);
    setSessionCookie(request, reply, session);
    return { user, token: session.token };
  });

  app.post('/logout', async (request, reply) => {
    const { user, sessionId } = await requireSession(request, users, now());
    await accountLimiter.take(user.id);
    await users.sessions.removeById(user.id, sessionId, now());
    streams.endSessions(user.id, (id) => id === sessionId);
    setSessionCookie(request, reply, null);
    return reply.code(204).send();
  });

  app.get('/me', async (request) => {
    const user = await requireUser(request, users, now());
    await accountLimiter.take(user.id);
    return { user };
  });

  await app.register(accountRoutes, {
    users,
    now,
    limiter,
    accountLimiter,
    passwordCost,
    streams,
  });
}
