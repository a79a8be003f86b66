import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '../../protocol/version.ts';
import type { StorageKind } from '../config.ts';

export interface HealthBody {
  ok: true;
  storage: StorageKind;
  protocol: number;
}

export interface HealthOptions {
  storage: StorageKind;
}

/** [S1] `GET /health` under the /api prefix: liveness, storage backend and protocol version. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const body: HealthBody = { ok: true, storage: options.storage, protocol: PROTOCOL_VERSION };
  app.get('/health', async (): Promise<HealthBody> => body);
}
