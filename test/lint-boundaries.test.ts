import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import-boundary rule (scripts/eslint/boundaries.mjs) as the project's own lint config
 * runs it: planted imports in files of src, checked without writing them anywhere.
 */
const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'outpost/boundaries')
    .map((message) => message.message);
}

describe('folder boundaries', () => {
  it('a lower folder importing a higher one fails lint, saying what it may use', async () => {
    expect(
      await boundaryErrors(
        'src/db/planted.ts',
        "import { navigate } from '../ui/app/router.ts';\nvoid navigate;\n",
      ),
    ).toEqual([
      'src/db may not import from src/ui: it may use protocol, model (see scripts/eslint/boundaries.mjs)',
    ]);
    expect(
      await boundaryErrors(
        'src/protocol/planted.ts',
        "export { SyncError } from '../api/errors.ts';\n",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'src/server/routes/planted.ts',
        "import { syncOnce } from '../../sync/syncOnce.ts';\nvoid syncOnce;\n",
      ),
    ).toHaveLength(1);
  });

  it('imports downward, within a folder, and of the server’s own sync folder pass', async () => {
    expect(
      await boundaryErrors(
        'src/sync/planted.ts',
        "import { markSentThrough } from '../db/inFlight.ts';\nvoid markSentThrough;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'src/server/routes/planted.ts',
        "import { push } from '../sync/push.ts';\nvoid push;\n",
      ),
    ).toEqual([]);
  });
});

/** The rule that keeps Dexie tables inside the store (eslint.config.js, no-restricted-syntax). */
async function storeErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

const PLANTED_TABLE_ACCESS = `import type { OutpostDatabase } from '../db/schema.ts';
export async function planted(db: OutpostDatabase): Promise<number> {
  return db.outbox.count();
}
`;

describe('the device tables belong to the store (src/db)', () => {
  it('the engine, conflict resolution and account switching reaching a table fail lint', async () => {
    for (const folder of ['sync', 'conflicts', 'accounts']) {
      expect(await storeErrors(`src/${folder}/planted.ts`, PLANTED_TABLE_ACCESS)).toEqual([
        'The engine reaches the device tables only through the functions of src/db (the store).',
      ]);
    }
    const records = PLANTED_TABLE_ACCESS.replace(
      'db.outbox.count()',
      "db.records('notes').count()",
    );
    expect(await storeErrors('src/sync/planted.ts', records)).toHaveLength(1);
  });

  it('the store itself, and the engine calling its functions, pass', async () => {
    expect(await storeErrors('src/db/planted.ts', PLANTED_TABLE_ACCESS)).toEqual([]);
    expect(
      await storeErrors(
        'src/sync/planted.ts',
        "import { lastQueuedSeq } from '../db/outbox.ts';\nexport const planted = lastQueuedSeq;\n",
      ),
    ).toEqual([]);
  });
});
