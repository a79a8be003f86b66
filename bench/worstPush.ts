import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Mutation } from '../src/protocol/mutation.ts';
import { COSTLY_CURRENT, conflictingCostlyEdits } from '../test/costlyPush.ts';
import { pushAs, pushBody, signedUp } from './serverClient.ts';
import { formatMs, type Row } from './stats.ts';

/**
 * [P10] The worst push issue 14 found: 250 edits whose text merges each cost the most a merge may
 * (493 KB), decided while `/api/health` is asked again and again. The baseline is a push of as
 * many edits that conflict without any merge (a short field), in the same run.
 */
const EDITS = 250;

export async function worstPushBenchmarks(
  app: FastifyInstance,
  backend: 'sqlite' | 'postgres',
): Promise<Row[]> {
  const costly = await timedPush(app, (recordId) => conflictingCostlyEdits(recordId, EDITS));
  const cheap = await timedPush(app, (recordId) => cheapConflicts(recordId, EDITS));
  return [
    {
      measure: `worst-case push: ${EDITS} costly text merges, 493 KB (${backend})`,
      result: formatMs(costly.pushMs),
      baseline: `${EDITS} conflicts without a merge: ${formatMs(cheap.pushMs)}`,
      ratio: (costly.pushMs / cheap.pushMs).toFixed(2),
      target: '',
    },
    {
      measure: `  longest wait for /api/health while it runs (${backend})`,
      result: formatMs(costly.longestHealthMs),
      baseline: `during the baseline: ${formatMs(cheap.longestHealthMs)}`,
      ratio: (costly.longestHealthMs / cheap.longestHealthMs).toFixed(2),
      target: '≤ 200 ms',
    },
  ];
}

/**
 * Times one push on a new account's note while /api/health is asked without pause. A health
 * request waits as long as the event loop is held, so the longest gap between two of its
 * answers is the longest stretch the push kept everyone else waiting.
 */
async function timedPush(app: FastifyInstance, edits: (recordId: string) => Mutation[]) {
  const headers = await signedUp(app);
  const recordId = randomUUID();
  const note = pushBody([
    {
      id: randomUUID(),
      collection: 'notes',
      recordId,
      op: 'put',
      baseVersion: 0,
      set: { title: 'Costly', body: COSTLY_CURRENT, pinned: false },
      clientTime: Date.now(),
    },
  ]);
  await pushAs(app, headers, note);
  const payload = pushBody(edits(recordId));
  let pushing = true;
  const answers: number[] = [performance.now()];
  const polling = (async () => {
    while (pushing) {
      await app.inject({ method: 'GET', url: '/api/health' });
      answers.push(performance.now());
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const start = performance.now();
  await pushAs(app, headers, payload);
  const pushMs = performance.now() - start;
  pushing = false;
  await polling;
  const gaps = answers.slice(1).map((at, index) => at - answers[index]!);
  return { pushMs, longestHealthMs: Math.max(...gaps) };
}

function cheapConflicts(recordId: string, count: number): Mutation[] {
  return Array.from({ length: count }, () => ({
    id: randomUUID(),
    collection: 'notes',
    recordId,
    op: 'put',
    baseVersion: 1,
    base: { title: 'Before' },
    set: { title: 'Mine' },
    clientTime: Date.now(),
  }));
}
