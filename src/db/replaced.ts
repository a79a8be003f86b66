import type { OutpostDatabase } from './schema.ts';
import type { ReplacedNotice } from './types.ts';

/**
 * "Your title was replaced by Phone's edit" (issue 13): the fields of records whose value this
 * device showed and another device's write overruled without having seen it (latest-wins),
 * kept until the person dismisses them. Nobody's edit is replaced in silence. One row in
 * syncState, written inside the push's and the pull's own transactions (they include it).
 */
export async function readReplaced(db: OutpostDatabase): Promise<ReplacedNotice[]> {
  const row = await db.syncState.get('replaced');
  return row?.key === 'replaced' ? row.notices : [];
}

/** Adds notices; a record already noted gains the fields and the newest device's name. */
export async function noteReplaced(db: OutpostDatabase, added: ReplacedNotice[]): Promise<void> {
  if (added.length === 0) return;
  const byRecord = new Map((await readReplaced(db)).map((notice) => [notice.recordKey, notice]));
  for (const notice of added) {
    const known = byRecord.get(notice.recordKey);
    const fields = [...new Set([...(known?.fields ?? []), ...notice.fields])];
    // The newest notice names the device (or none): an older name would be someone else's.
    const { by: _older, ...rest } = known ?? notice;
    byRecord.set(notice.recordKey, {
      ...rest,
      fields,
      ...(notice.by === undefined ? {} : { by: notice.by }),
    });
  }
  await db.syncState.put({ key: 'replaced', notices: [...byRecord.values()] });
}

/** The person has seen a record's notice. */
export async function dismissReplaced(db: OutpostDatabase, recordKey: string): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const notices = (await readReplaced(db)).filter((notice) => notice.recordKey !== recordKey);
    await db.syncState.put({ key: 'replaced', notices });
  });
}
