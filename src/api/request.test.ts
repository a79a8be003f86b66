import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer } from './answers.ts';
import { SyncError } from './errors.ts';
import { apiRequest } from './request.ts';

/** The one request function every client of the server uses, with a fake fetch. */

const answering = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers }),
  );

afterEach(() => vi.unstubAllGlobals());

const pushAnswer = answer((schemas) => schemas.PushResponseSchema);

describe('apiRequest', () => {
  it('checks every answer against its schema once: a mismatch is a protocol_mismatch error that says where', async () => {
    const fetch = answering(200, { results: [{ id: 'm1', status: 'applied' }], cursor: 3 });
    const push = apiRequest('/sync/push', { method: 'POST' }, pushAnswer, { fetch });

    const error = await push.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'permanent', code: 'protocol_mismatch' });
    expect((error as SyncError).message).toContain('results.0.version');
  });

  it('a matching answer comes back as its schema gives it', async () => {
    const body = { results: [{ id: 'm1', status: 'applied', version: 4 }], cursor: 4 };
    const reply = await apiRequest('/sync/push', { method: 'POST' }, pushAnswer, {
      fetch: answering(200, body),
    });
    expect(reply).toEqual(body);
  });

  it('[T3] an error answer becomes a SyncError with its code, its details and the Retry-After', async () => {
    const fetch = answering(
      429,
      { error: { code: 'rate_limited', message: 'Slow down', details: ['x'] } },
      { 'retry-after': '7' },
    );
    const error = await apiRequest('/sync/pull', {}, null, { fetch }).catch((caught) => caught);
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
      message: 'Slow down',
      retryAfterMs: 7_000,
      details: ['x'],
    });
  });

  it('an error answer that is not the T3 shape keeps its status as the code', async () => {
    const error = await apiRequest('/sync/pull', {}, null, {
      fetch: answering(502, '<html>Bad gateway</html>'),
    }).catch((caught) => caught);
    expect(error).toMatchObject({ kind: 'transient', code: 'http_502' });
  });

  it('[T2] every request carries the protocol header, and no request is made while known offline', async () => {
    const fetch = answering(200, { ok: true });
    await apiRequest('/health', {}, null, { fetch });
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('Outpost-Protocol')).toBe('1');

    vi.stubGlobal('navigator', { onLine: false });
    const error = await apiRequest('/health', {}, null, { fetch }).catch((caught) => caught);
    expect(error).toMatchObject({ kind: 'transient', code: 'offline' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
