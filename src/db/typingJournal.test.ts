import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestOutpost, putSyncedNote } from './testing.ts';

/**
 * The typing journal (typingJournal.ts): keystrokes kept before the editor's write of them, and
 * replayed only where that write never landed. Each test types in one "page" (one load of the
 * module: a page's name is made when it loads) and replays in another, once the first is gone.
 */

const NOTE = '33333333-3333-4333-8333-333333333333';
type Journal = typeof import('./typingJournal.ts');

/** A page of the app: its own load of the journal module. */
async function openPage(): Promise<Journal> {
  vi.resetModules();
  return import('./typingJournal.ts');
}

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** The Web Locks held now: a page holds one under its name while it lives. */
let held: { name: string }[];

beforeEach(() => {
  vi.stubGlobal('localStorage', new MemoryStorage());
  held = [];
  vi.stubGlobal('navigator', {
    locks: {
      request: (name: string) => {
        held.push({ name });
        return new Promise(() => {});
      },
      query: async () => ({ held, pending: [] }),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

/** Lets the journal's blind IndexedDB writes (sent without being awaited) land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A page typed "Milk" into a synced note's body, and its editor's write of it committed. */
async function typedAndStored() {
  const device = openTestOutpost();
  await putSyncedNote(device.db, NOTE, 3);
  const journal = (await openPage()).typingJournal(device.db, 'notes', NOTE);
  const n = journal.keep({ body: 'Milk' });
  await device.notes.edit(NOTE, { body: 'Milk' }, journal.mark(n));
  return { device, journal };
}

describe('the typing journal', () => {
  it('keystrokes whose write never landed are replayed with their latest values, once', async () => {
    const device = openTestOutpost();
    const closed = await openPage();
    const journal = closed.typingJournal(device.db, 'notes', NOTE);
    journal.keep({ title: 'G' });
    journal.keep({ title: 'Groceries' });
    journal.keep({ body: 'Milk' });
    await settle();

    const next = await openPage();
    const [left, ...more] = await next.leftBehind(device.db);
    expect(more).toEqual([]);
    expect(left).toMatchObject({
      collection: 'notes',
      id: NOTE,
      fields: { title: 'Groceries', body: 'Milk' },
    });
    await left?.done();
    expect(await next.leftBehind(device.db)).toEqual([]);
  });

  it('a write that committed is not replayed over what changed since, though the page went away before clearing its copy', async () => {
    const { device } = await typedAndStored();
    // The page is gone before journal.stored(n) ran; then another tab changes the body.
    await device.notes.edit(NOTE, { body: 'Milk and bread' });
    await settle();

    const next = await openPage();
    expect(await next.leftBehind(device.db)).toEqual([]);
    expect(await device.db.typingStored.count()).toBe(0);
  });

  it('of a page that wrote some of its typing, only the fields typed after its last stored write are replayed', async () => {
    const { device, journal } = await typedAndStored();
    journal.keep({ title: 'Groceries' });
    await device.notes.edit(NOTE, { body: 'Milk and bread' });
    await settle();

    const next = await openPage();
    const [left] = await next.leftBehind(device.db);
    expect(left?.fields).toEqual({ title: 'Groceries' });
  });

  it("a living page's keystrokes are not replayed; without Web Locks, nobody's are", async () => {
    const device = openTestOutpost();
    const living = await openPage();
    living.holdPageLock();
    living.typingJournal(device.db, 'notes', NOTE).keep({ title: 'Still typing' });
    await settle();

    const other = await openPage();
    expect(await other.leftBehind(device.db)).toEqual([]);

    held.length = 0; // the page is gone, but nothing can tell any more
    vi.stubGlobal('navigator', {});
    expect(await other.leftBehind(device.db)).toEqual([]);
    vi.stubGlobal('navigator', { locks: { query: async () => ({ held, pending: [] }) } });
    expect((await other.leftBehind(device.db)).map((left) => left.fields)).toEqual([
      { title: 'Still typing' },
    ]);
  });
});
