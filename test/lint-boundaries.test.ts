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
