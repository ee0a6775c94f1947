/**
 * A request's store call that did not finish within the request's deadline: refused because the
 * deadline had passed when it started, or abandoned when it passed. The request asked for more
 * work than its time allows, so the message is meant for the client.
 */
export class StoreTimeoutError extends Error {
  constructor(
    readonly budgetMs: number,
    limited: 'request' | 'store query' = 'request',
  ) {
    super(`The ${limited} ran past its time limit of ${budgetMs} ms; ask for less (fewer aliases, smaller pages) or retry`);
    this.name = 'StoreTimeoutError';
  }
}

/**
 * The store cannot be reached or does not answer (a MongoDB outage). The message carries the
 * operator's detail (for the log); clients see only the code.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
