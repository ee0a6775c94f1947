/**
 * Shares the event loop between the callers of an engine that computes on it (the embedded
 * engine). `turn(caller)` resolves in a later turn of the event loop: one waiter per turn, callers
 * taken in rotation (a caller with many calls waiting goes to the back after each). So the
 * network (other requests) is served between any two slices of work, and one request's flood of
 * calls cannot hold back another request's single call.
 */
export class TurnTaking {
  /** Waiters by caller, in the order the callers are to be served. */
  private readonly waiting = new Map<object, Array<() => void>>();
  private scheduled = false;

  /** Resolves when it is `caller`'s turn; the work after it, up to the next await, is one slice. */
  turn(caller: object): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(caller);
      if (queue) queue.push(resolve);
      else this.waiting.set(caller, [resolve]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a promise job: the loop polls for I/O before it runs the next one.
    setImmediate(() => {
      this.scheduled = false;
      const next = this.waiting.entries().next();
      if (next.done) return;
      const [caller, queue] = next.value;
      const resolve = queue.shift() as () => void;
      this.waiting.delete(caller);
      if (queue.length > 0) this.waiting.set(caller, queue);
      resolve();
      if (this.waiting.size > 0) this.schedule();
    });
  }
}
