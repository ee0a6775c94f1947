import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { StoreTimeoutError, StoreUnavailableError } from './store-errors';

/** MongoDB's code for a query stopped by its `maxTimeMS`. */
const MAX_TIME_MS_EXPIRED = 50;

/**
 * What a driver failure means to the gateway. A query the server stopped at its time limit is a
 * StoreTimeoutError (the request asked too much). The server not being found, a connection
 * failing, or no answer before the driver's own timeout (a down or hung server) is a
 * StoreUnavailableError whose one-line message says what happened. Anything else (a bug, a
 * refused query) is returned as it is.
 */
export function describeMongoFailure(error: unknown, timeoutMs?: number): Error {
  if (error instanceof StoreUnavailableError || error instanceof StoreTimeoutError) return error;
  if (error instanceof MongoServerError && error.code === MAX_TIME_MS_EXPIRED) return new StoreTimeoutError(timeoutMs ?? 0);
  if (error instanceof MongoOperationTimeoutError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new StoreUnavailableError(`MongoDB did not answer in time (${error.message}${cause})`, { cause: error });
  }
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoClientClosedError
  ) {
    return new StoreUnavailableError(error.message, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** A MongoDB URI fit for a log line: scheme, hosts and database only (no credentials, no options). */
export function redactUri(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]*)(\/[^?]*)?/.exec(uri);
  return match ? `${match[1]}${match[2]}${match[3] ?? ''}` : 'the configured MONGODB_URI';
}
