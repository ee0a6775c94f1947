import { setMaxListeners } from 'node:events';
import { StoreTimeoutError } from './store-errors';

/**
 * The time one request may take, from when it starts. Store calls read what is left of it; a
 * call that outlives it is abandoned with a StoreTimeoutError, and `signal` aborts then, so work
 * done in steps stops at the next step.
 */
export class RequestDeadline {
  private readonly expiresAt: number;
  private readonly controller = new AbortController();

  constructor(readonly budgetMs: number) {
    this.expiresAt = Date.now() + budgetMs;
    // Every store call in flight listens for the deadline; a wide query has many at once.
    setMaxListeners(0, this.controller.signal);
  }

  /** Milliseconds left, never below 0. */
  remainingMs(): number {
    return Math.max(0, this.expiresAt - Date.now());
  }

  get expired(): boolean {
    return Date.now() >= this.expiresAt;
  }

  /** Aborted, with a StoreTimeoutError as its reason, once the deadline passes while a call waits on it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws a StoreTimeoutError when the deadline has passed (calls in flight keep a result that is already in). */
  check(): void {
    if (this.expired) throw new StoreTimeoutError(this.budgetMs);
  }

  /**
   * Settles as `call` does, unless the deadline (plus `graceMs`) passes first: then rejects with a
   * StoreTimeoutError (the call itself is left to end on its own; its result is dropped).
   */
  race<T>(call: Promise<T>, graceMs = 0): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      // Unref'd: a deadline never keeps the process alive.
      const timer = setTimeout(() => this.abort(), this.remainingMs() + graceMs).unref();
      call.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      });
    });
  }

  private abort(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new StoreTimeoutError(this.budgetMs));
  }
}
