import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './support/server.ts';
import { expect, openApp, test } from './support/fixtures.ts';

/**
 * A deployment of a new version, simulated by a server of its own whose copy of the built app
 * gets a changed sw.js. (Playwright's routing does not see the browser's fetch of a service
 * worker script, so the change has to be on the server.)
 */
test.describe('app update', () => {
  let appDir: string;
  let deployment: RunningServer;
  test.beforeAll(async () => {
    appDir = await mkdtemp(join(tmpdir(), 'outpost-app-'));
    await cp('dist', appDir, { recursive: true });
    deployment = await startServer({ OUTPOST_APP_DIR: appDir });
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
    await appendFile(join(appDir, 'sw.js'), '\n// the next version\n');
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
});
