import { describe, expect, it } from 'vitest';
import { dismissReplaced, noteReplaced, readReplaced } from './replaced.ts';
import { openTestOutpost } from './testing.ts';

describe('notices of values another device replaced (issue 13)', () => {
  it('gathers a record’s fields under its newest device, and goes once dismissed', async () => {
    const { db } = openTestOutpost();
    await noteReplaced(db, [{ recordKey: 'notes:a', fields: ['title'], by: 'Phone' }]);
    await noteReplaced(db, [
      { recordKey: 'notes:a', fields: ['body', 'title'], by: 'Laptop' },
      { recordKey: 'contacts:b', fields: ['company'] },
    ]);
    expect(await readReplaced(db)).toEqual([
      { recordKey: 'notes:a', fields: ['title', 'body'], by: 'Laptop' },
      { recordKey: 'contacts:b', fields: ['company'] },
    ]);
    await dismissReplaced(db, 'notes:a');
    expect(await readReplaced(db)).toEqual([{ recordKey: 'contacts:b', fields: ['company'] }]);
  });
});
