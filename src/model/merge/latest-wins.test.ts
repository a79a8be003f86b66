import { describe, expect, it } from 'vitest';
import { incomingWins } from './latest-wins.ts';

describe('[P3] latest-wins order of writes', () => {
  it('[P3] the later clientTime wins either way round', () => {
    const early = { clientTime: 100, clientId: 'zzz' };
    const late = { clientTime: 200, clientId: 'aaa' };
    expect(incomingWins(late, early)).toBe(true);
    expect(incomingWins(early, late)).toBe(false);
  });

  it('[P3] ties go to the larger clientId, so both orders of arrival agree', () => {
    const a = { clientTime: 100, clientId: 'device-a' };
    const b = { clientTime: 100, clientId: 'device-b' };
    expect(incomingWins(b, a)).toBe(true);
    expect(incomingWins(a, b)).toBe(false);
    // The same write again does not count as later.
    expect(incomingWins(a, { ...a })).toBe(false);
  });

  it('[P3] a field nobody set yet is taken by any write', () => {
    expect(incomingWins({ clientTime: 0, clientId: '' }, undefined)).toBe(true);
  });
});
