import { describe, expect, it } from 'vitest';
import { TimeSlices } from './timeSlices.ts';

describe('[P10] time slices of a long job', () => {
  it('[P10] lets other work run once a slice has lasted its length, and not before', async () => {
    let now = 0;
    const slices = new TimeSlices(20, () => now);
    const ran: string[] = [];
    const other = () => setImmediate(() => ran.push('other'));

    other();
    now = 19;
    await slices.pause();
    expect(ran).toEqual([]); // within the slice: no turn of the event loop

    now = 20;
    await slices.pause();
    expect(ran).toEqual(['other']);

    // A new slice starts after the pause.
    other();
    now = 39;
    await slices.pause();
    expect(ran).toEqual(['other']);
    now = 40;
    await slices.pause();
    expect(ran).toEqual(['other', 'other']);
  });
});
