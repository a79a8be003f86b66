import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ARMED, startServer, type RunningServer } from './support/server.ts';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  newUsername,
  serverTitles,
  setFaults,
  signIn,
  syncStatus,
  waitingCount,
} from './support/sync.ts';

/**
 * A deployment of a new version, simulated by a server of its own whose copy of the built app
 * gets a changed sw.js. (Playwright's routing does not see the browser's fetch of a service
 * worker script, so the change has to be on the server.)
 */
/** A changed sw.js, with the compressed copies a build writes beside it (precompress.mjs). */
async function releaseWorker(appDir: string, change: string): Promise<void> {
  const file = join(appDir, 'sw.js');
  await appendFile(file, change);
  const body = await readFile(file);
  await writeFile(`${file}.br`, brotliCompressSync(body));
  await writeFile(`${file}.gz`, gzipSync(body));
}

test.describe('app update', () => {
  let appDir: string;
  let deployment: RunningServer;
  test.beforeAll(async () => {
    appDir = await mkdtemp(join(tmpdir(), 'outpost-app-'));
    await cp('dist', appDir, { recursive: true });
    deployment = await startServer({ OUTPOST_APP_DIR: appDir, OUTPOST_FAULTS: '1' });
  });
  test.afterAll(async () => {
    await deployment.stop();
    await rm(appDir, { recursive: true, force: true });
  });

  test('a new version waits for the person: "update available — reload" hands over and reloads', async ({
    page,
  }) => {
    await page.goto(deployment.baseURL);
    await openApp(page, `${deployment.baseURL}/notes`);
    await releaseWorker(appDir, '\n// the next version\n');
    await page.evaluate(async () => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
      await (await navigator.serviceWorker.getRegistration())?.update();
    });

    const prompt = page
      .getByRole('alert')
      .filter({ hasText: 'An update of Outpost is available.' });
    await expect(prompt).toBeVisible();
    // Until the person says so, the old version keeps running this page.
    expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true);

    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await page.waitForFunction(() => !('beforeUpdate' in window));
    await expect(page.getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(prompt).toHaveCount(0);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null,
    );
    expect(waiting).toBeNull();
  });

  test('[426] a server that needs a newer app: the update prompt, nothing lost, synced after the update', async ({
    page,
  }) => {
    await page.goto(deployment.baseURL);
    await openApp(page, `${deployment.baseURL}/notes`);
    await signIn(page, newUsername(), 'Create account');
    await expect(syncStatus(page)).toContainText('Synced');

    // The server is redeployed with a new app, and refuses the old app's requests (P: 426).
    await releaseWorker(appDir, '\n// the version the server asks for\n');
    await setFaults(page, { failNext: { count: 1000, status: 426 } }, deployment.baseURL);
    await createNote(page, 'Written before the update');

    const prompt = page.getByRole('alert').filter({ hasText: 'Outpost must be updated' });
    await expect(prompt).toBeVisible();
    await expect(syncStatus(page)).toContainText('Update Outpost to sync');
    await expect(syncStatus(page)).toContainText(waitingCount(1));
    // It cannot be put off: syncing waits for it.
    await expect(prompt.getByRole('button', { name: 'Later' })).toHaveCount(0);

    // Both builds here speak the same protocol, so the refusal ends with the old version.
    await page.request.delete(`${deployment.baseURL}/api/_faults`, ARMED);
    expect(await serverTitles(page, deployment.baseURL)).toEqual([]);
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
    });
    await prompt.getByRole('button', { name: 'Update now' }).click();
    await page.waitForFunction(() => !('beforeUpdate' in window));
    await expect(syncStatus(page)).toContainText('Synced');
    await expect(prompt).toHaveCount(0);
    expect(await serverTitles(page, deployment.baseURL)).toEqual(['Written before the update']);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null,
    );
    expect(waiting).toBeNull();
  });
});
