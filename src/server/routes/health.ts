import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '../../protocol/version.ts';
import type { StorageKind } from '../config.ts';
import type { RateLimiter } from '../rateLimit.ts';

export interface HealthBody {
  ok: true;
  storage: StorageKind;
  protocol: number;
  /**
   * Present (true) only when fault injection [F1] is on, so the app's network lab can tell
   * without probing /api/_faults (a 404 there would be a console error on every visit).
   */
  faults?: true;
}

export interface HealthOptions {
  storage: StorageKind;
  faults: boolean;
  /** Checks per client address. */
  limiter: RateLimiter;
}

/** [S1] `GET /health` under the /api prefix: liveness, storage backend and protocol version. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const body: HealthBody = {
    ok: true,
    storage: options.storage,
    protocol: PROTOCOL_VERSION,
    ...(options.faults && { faults: true as const }),
  };
  app.get('/health', async (request): Promise<HealthBody> => {
    await options.limiter.take(request.ip);
    return body;
  });
}
