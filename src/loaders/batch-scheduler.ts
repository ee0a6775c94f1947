/**
 * Decides when one request's DataLoader batches go to the store. Batches queued while any of the
 * request's store calls is still in flight wait for it to finish; then everything queued is
 * dispatched together, after the promise jobs that the finished calls set off have run. So each
 * level of a query becomes one call per collection even when the store answers its calls at
 * different times (a network store), and the count depends on the query's shape alone.
 */
export class BatchScheduler {
  private queued: Array<() => void> = [];
  private inFlight = 0;
  private flushPending = false;

  /** DataLoader's `batchScheduleFn`. */
  readonly schedule = (dispatch: () => void): void => {
    this.queued.push(dispatch);
    this.requestFlush();
  };

  /** Marks a store call in flight until `call` settles. */
  track<T>(call: Promise<T>): Promise<T> {
    this.inFlight += 1;
    return call.finally(() => {
      this.inFlight -= 1;
      this.requestFlush();
    });
  }

  private requestFlush(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    // setImmediate runs after every pending promise job, so a whole level has been queued.
    setImmediate(() => {
      this.flushPending = false;
      if (this.inFlight > 0 || this.queued.length === 0) return;
      const dispatches = this.queued;
      this.queued = [];
      for (const dispatch of dispatches) dispatch();
    });
  }
}
