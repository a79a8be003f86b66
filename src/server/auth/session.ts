import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import type { PresentedSession } from '../storage/sessions.ts';
import type { User, UserStore } from '../storage/users.ts';
import { hashToken } from './tokens.ts';

/** [A3] the session cookie's name; the same token also works as `Authorization: Bearer`. */
export const SESSION_COOKIE = 'outpost_session';

/** The token a request presents: a bearer header first, else the session cookie. */
export function presentedToken(request: FastifyRequest): string | undefined {
  return bearerToken(request) ?? readCookie(request.headers.cookie, SESSION_COOKIE);
}

/** `Authorization: Bearer <token>`; the scheme in any case (RFC 7235 makes it case-insensitive). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^bearer +(.*)$/i.exec(request.headers.authorization ?? '');
  return match?.[1]?.trim() || undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeOrNothing(value.join('='));
  }
  return undefined;
}

/** A cookie that is not valid percent-encoding is no token at all (so: 401, not 400). */
function decodeOrNothing(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * [A3] HttpOnly, SameSite=Strict, Path=/api, Secure when the request came over https (as a
 * trusted proxy reports it, see config.trustProxy). [A6] Max-Age is the session's absolute
 * lifetime, so the browser forgets the cookie no later than the server forgets the session.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; maxAgeMs: number } | null,
): void {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/api'];
  if (request.protocol === 'https') attributes.push('Secure');
  const value =
    session === null
      ? `${SESSION_COOKIE}=; Max-Age=0`
      : `${SESSION_COOKIE}=${encodeURIComponent(session.token)}; Max-Age=${Math.floor(session.maxAgeMs / 1000)}`;
  reply.header('set-cookie', [value, ...attributes].join('; '));
}

/** The session a request presents and its user, or a 401 in the T3 shape. [A6] */
export async function requireSession(
  request: FastifyRequest,
  users: UserStore,
  now: number,
): Promise<PresentedSession> {
  const token = presentedToken(request);
  const session = token ? await users.sessions.find(hashToken(token), now) : undefined;
  if (!session) throw new ApiError(401, 'unauthenticated', 'Sign in to continue');
  return session;
}

/** The signed-in user, or a 401 in the T3 shape. */
export async function requireUser(
  request: FastifyRequest,
  users: UserStore,
  now: number,
): Promise<User> {
  return (await requireSession(request, users, now)).user;
}
