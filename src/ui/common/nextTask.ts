/** Chromium's task scheduler (not yet in TypeScript's DOM types). */
interface TaskScheduler {
  yield(): Promise<void>;
}

/**
 * Resolves in a later task, so the browser can paint and answer a tap between two pieces of
 * work. Start-up opens a database, starts its sync and renders the app: done in one go, that
 * was a task of 35–40 ms here and four times that on a mid-range phone, during which a tap
 * waits (Lighthouse's "total blocking time"). `scheduler.yield()` where the browser has it:
 * the work then resumes ahead of other queued tasks; a timer elsewhere.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
