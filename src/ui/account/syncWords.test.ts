import { describe, expect, it } from 'vitest';
import type { StatusRow } from '../../db/types.ts';
import { describeSync, signedOutSentence, type SyncCounts } from './syncWords.ts';

const NOW = 1_000_000;

function counts(status: Partial<StatusRow> = {}, rest: Partial<SyncCounts> = {}): SyncCounts {
  return {
    status: {
      key: 'status',
      phase: 'idle',
      lastSuccessAt: NOW - 5_000,
      lastError: null,
      nextRetryAt: null,
      ...status,
    },
    pending: 0,
    conflicts: 0,
    failed: 0,
    ...rest,
  };
}

describe('the sync status in words', () => {
  it('says Synced when nothing waits', () => {
    expect(describeSync(counts(), true, NOW)).toEqual({
      word: 'Synced',
      tone: 'ok',
      sentence: 'Synced just now',
    });
  });

  it('mentions an edit another device replaced until it is seen (issue 13)', () => {
    expect(describeSync(counts({}, { replaced: 1 }), true, NOW).sentence).toBe(
      'Synced just now · 1 edit replaced by another device',
    );
  });

  it('says offline once, with what the device keeps', () => {
    const { word, sentence } = describeSync(counts({}, { pending: 3 }), false, NOW);
    expect(word).toBe('Offline');
    expect(sentence).toBe('Offline — 3 changes saved on this device');
    expect(describeSync(counts(), false, NOW).sentence).toBe(
      'Offline — changes are saved on this device',
    );
  });

  it('counts what waits, in the word and the sentence', () => {
    const { word, sentence } = describeSync(counts({}, { pending: 1 }), true, NOW);
    expect(word).toBe('1 waiting');
    expect(sentence).toBe('1 change waiting');
  });

  it('puts a failure in plain words with a countdown, never the error text or a clock time', () => {
    const network = counts({
      phase: 'error',
      lastError: { code: 'network', message: 'TypeError: Failed to fetch', transient: true },
      nextRetryAt: NOW + 19_200,
    });
    const { word, tone, sentence } = describeSync(network, true, NOW);
    expect([word, tone]).toEqual(['Error', 'error']);
    expect(sentence).toBe('Can’t reach the server — retrying in 20 s');
    const outage = counts({
      phase: 'error',
      lastError: { code: 'http_503', message: 'Injected fault: 503', transient: true },
    });
    expect(describeSync(outage, true, NOW).sentence).toBe('The server is having trouble');
  });

  it('puts conflicts first in the word: they need the person', () => {
    const { word, tone, sentence } = describeSync(
      counts({}, { conflicts: 2, pending: 1 }),
      false,
      NOW,
    );
    expect([word, tone]).toEqual(['2 conflicts', 'attention']);
    expect(sentence).toBe('Offline — 1 change saved on this device · 2 conflicts to decide');
  });

  it('says how many changes the server did not accept', () => {
    const { word, sentence } = describeSync(counts({}, { failed: 1 }), true, NOW);
    expect(word).toBe('Error');
    expect(sentence).toBe('Synced just now · 1 change not accepted');
  });

  it('signed out, says only that the session ended, or that the device is offline', () => {
    expect(signedOutSentence(true, 2, true)).toBe(
      'Your session ended: sign in again to sync. 2 changes waiting, kept on this device.',
    );
    expect(signedOutSentence(false, 0, false)).toBe('Offline — changes are saved on this device');
    expect(signedOutSentence(false, 0, true)).toBe('');
  });
});
