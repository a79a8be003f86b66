import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { deviceRows } from './syncTraffic.ts';

/**
 * What a test can see of a device and the server beyond the screen: the faults left, when a device last talked to the server, the conflicts it stores,
 * and a watch over everything the sync status ever showed.
 */

/** [F1] how many more pushes the server will commit and then cut off. */
export async function faultsLeft(page: Page): Promise<number | undefined> {
  const response = await page.request.get('/api/_faults');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { dropAfterCommit?: number }).dropAfterCommit;
}

/** The time of the latest sync request (push, pull or event stream) a device made. */
export function trackSyncRequests(context: BrowserContext): () => number {
  let last = Date.now();
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/sync/')) last = Date.now();
  });
  return () => last;
}

/** The conflict entries this device keeps in IndexedDB (one per conflicting mutation). */
export async function storedConflicts(page: Page): Promise<number> {
  return (await deviceRows(page, 'conflicts')).length;
}

/**
 * Records every text the sync status shows from the next page load on, and whether a conflict
 * badge or a "Resolve conflict" button was ever on screen, so a test can say a conflict was
 * *never* shown, not only that none is shown at the end. Takes effect at the next navigation.
 */
export async function watchForConflicts(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding('__outpostSeen', (_source, text: string) => {
    if (seen.at(-1) !== text) seen.push(text);
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { __outpostSeen?: (text: string) => void }).__outpostSeen;
    let last = '';
    const check = () => {
      const status = document.querySelector('section[aria-label="Sync"] [role="status"]');
      const text = status?.textContent ?? '';
      const body = document.body?.textContent ?? '';
      const badge =
        body.includes('Conflict with another device') || body.includes('Resolve conflict')
          ? ' [conflict badge on screen]'
          : '';
      const now = `${text}${badge}`;
      if (now !== last && text) {
        last = now;
        report?.(now);
      }
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return seen;
}

/** Whatever the watch saw that mentions a conflict. */
export const conflictsSeen = (seen: string[]) => seen.filter((text) => /conflict/i.test(text));

/** Each watch worked (it saw a sync) and never saw a conflict. */
export function expectNoConflictSeen(...watches: string[][]) {
  for (const seen of watches) {
    expect(seen.some((text) => text.startsWith('Synced'))).toBe(true);
    expect(conflictsSeen(seen)).toEqual([]);
  }
}
