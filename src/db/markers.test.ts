import { describe, expect, it } from 'vitest';
import { openTestOutpost, putSyncedNote } from './testing.ts';
import { clearSettledMarkers } from './markers.ts';

describe('clearSettledMarkers', () => {
  it('clears the marker of a record with nothing waiting (a push the server applied as a no-op)', async () => {
    const device = openTestOutpost();
    const note = await device.notes.create({ title: 'Same on the server' });
    // The push was acknowledged; the server changed nothing, so no pull brings the note back.
    await device.db.outbox.clear();
    expect((await device.db.records('notes').get(note.id))?.pending).toBe(1);

    expect(await clearSettledMarkers(device.db)).toBe(1);
    expect((await device.db.records('notes').get(note.id))?.pending).toBe(0);
  });

  it('keeps the marker while an outbox entry (any state) or a conflict waits for the record', async () => {
    const device = openTestOutpost();
    const waiting = await device.notes.create({ title: 'Still queued' });
    const refused = await device.contacts.create({ name: 'Refused' });
    const entries = await device.db.outbox.toArray();
    const refusedEntry = entries.find((row) => row.recordKey === `contacts:${refused.id}`)!;
    await device.db.outbox.put({ ...refusedEntry, state: 'failed' });
    const conflicted = await putSyncedNote(device.db, '22222222-2222-4222-8222-222222222222');
    await device.db.records('notes').update(conflicted.id, { pending: 1 });
    await device.db.conflicts.put({
      mutationId: 'm-1',
      recordKey: `notes:${conflicted.id}`,
      mutation: {
        id: 'm-1',
        collection: 'notes',
        recordId: conflicted.id,
        op: 'put',
        baseVersion: 5,
        clientTime: 1,
        base: { title: 'Groceries' },
        set: { title: 'Mine' },
      },
      reason: 'edit',
      fields: ['title'],
      serverRecord: { ...conflicted, title: 'Theirs', version: 6 },
      reportedAt: 1,
    });

    expect(await clearSettledMarkers(device.db)).toBe(0);
    expect((await device.db.records('notes').get(waiting.id))?.pending).toBe(1);
    expect((await device.db.records('contacts').get(refused.id))?.pending).toBe(1);
    expect((await device.db.records('notes').get(conflicted.id))?.pending).toBe(1);
  });
});
