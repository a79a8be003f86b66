/**
 * Lets other requests in between the steps of a long job. Node runs one request's synchronous
 * code to the end before it looks at the next one, so a push deciding hundreds of mutations
 * would keep `/api/health` and every other user waiting. Each call to `pause()` checks how long
 * the job has run since it last let go; past `sliceMs` it waits one turn of the event loop
 * (setImmediate: after pending I/O, unlike a resolved promise), so no stretch runs much longer.
 */
export class TimeSlices {
  private since: number;

  constructor(
    private readonly sliceMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.since = clock();
  }

  /** Resolves at once while the current slice lasts; else after other work has had its turn. */
  async pause(): Promise<void> {
    if (this.clock() - this.since < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = this.clock();
  }
}
