import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describeIdForm, isIdOf, type IdPrefix } from './ids';
import { StoreTimeoutError, StoreUnavailableError } from './store/store-errors';

/** The one place error codes are spelled. Clients branch on these, never on messages. */
export const ErrorCode = {
  BadUserInput: ApolloServerErrorCode.BAD_USER_INPUT,
  /** A request that cannot be read: not JSON, no query (HTTP 400). */
  BadRequest: ApolloServerErrorCode.BAD_REQUEST,
  QueryTooDeep: 'QUERY_TOO_DEEP',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  QueryTooCostly: 'QUERY_TOO_COSTLY',
  /** A request body over the size limit (HTTP 413). */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A result over the response size limit: refused rather than sent. */
  ResponseTooLarge: 'RESPONSE_TOO_LARGE',
  /** The last error of a response that left further errors out. */
  TooManyErrors: 'TOO_MANY_ERRORS',
  /** A browser request from an origin the CORS policy does not allow (HTTP 403). */
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  /** The explorer page was asked for but its assets were never built (HTTP 503). */
  ExplorerNotBuilt: 'EXPLORER_NOT_BUILT',
  /** The request ran past its time limit (REQUEST_TIMEOUT_MS): it asked for too much work. */
  StoreTimeout: 'STORE_TIMEOUT',
  /** The store does not answer (a MongoDB outage); masked like an internal error, but retryable. */
  StoreUnavailable: 'STORE_UNAVAILABLE',
  Internal: ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
} as const;

/** Codes whose errors describe the request, so their message is safe and useful to show. */
const CLIENT_ERROR_CODES = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.QueryTooDeep,
  ErrorCode.QueryTooComplex,
  ErrorCode.QueryTooCostly,
  ErrorCode.PayloadTooLarge,
  ErrorCode.ResponseTooLarge,
  ErrorCode.TooManyErrors,
  ErrorCode.StoreTimeout,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BadRequest,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/** Characters of a client's value an error message may quote. */
export const QUOTED_INPUT_LENGTH = 64;

/** A client's value as an error message quotes it: JSON, cut to a short prefix with its full length. */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text.length <= QUOTED_INPUT_LENGTH) return JSON.stringify(value) ?? String(value);
  return `${JSON.stringify(text.slice(0, QUOTED_INPUT_LENGTH))}... (${text.length} characters)`;
}

/** A bad argument value: names the argument, what was expected and (a prefix of) what came in. */
export function badUserInput(argumentName: string, expected: string, received: unknown): GraphQLError {
  return new GraphQLError(`Invalid argument "${argumentName}": expected ${expected}, received ${quoteInput(received)}`, {
    extensions: { code: ErrorCode.BadUserInput, argumentName, expected },
  });
}

/** Returns `id` when it is a well-formed id of the given kind; throws a coded error otherwise. */
export function assertId(prefix: IdPrefix, id: string, argumentName = 'id'): string {
  if (!isIdOf(prefix, id)) throw badUserInput(argumentName, `an id of the form ${describeIdForm(prefix)}`, id);
  return id;
}

/** An operation whose worst-case cost is over the limit: refused before it runs (HTTP 400). */
export function queryTooCostly(operationName: string, cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `Operation ${operationName} may cost up to ${cost} (each field counts one, each list multiplies its selection by its page size or bound, costly fields add their weight); the limit is ${maxCost}. Ask for smaller pages, fewer nested lists or fewer aliases, or split the operation.`,
    { extensions: { code: ErrorCode.QueryTooCostly, cost, maxCost, http: { status: 400 } } },
  );
}

/** Longest message a client error carries: graphql-js quotes variable values whole, we do not. */
export const MAX_ERROR_MESSAGE_LENGTH = 500;

function capMessage(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.message.length <= MAX_ERROR_MESSAGE_LENGTH) return formatted;
  return { ...formatted, message: `${formatted.message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}... (message cut from ${formatted.message.length} characters)` };
}

export interface ErrorFormatting {
  /** Show the original message of unexpected errors (development only). */
  development: boolean;
  /** Where unexpected errors are reported; they are masked in the response. */
  log: (message: string, error: unknown) => void;
}

/** The one message a client gets for a store outage; the detail goes to the log. */
export const STORE_UNAVAILABLE_MESSAGE = 'The store is unavailable; retry later';

/**
 * Apollo's `formatError`: coded client errors pass through; a request past its deadline gets
 * STORE_TIMEOUT; a store outage is logged and answered STORE_UNAVAILABLE without detail; anything
 * else (a bug) is logged and masked as "Unexpected error" so no database detail reaches clients.
 */
export function createErrorFormatter(options: ErrorFormatting) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED; our limits keep their own code.
    const ownCode = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError.extensions.code : undefined;
    if (ownCode === ErrorCode.QueryTooDeep || ownCode === ErrorCode.QueryTooComplex) return capMessage({ ...formatted, extensions: { ...formatted.extensions, code: ownCode } });
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return capMessage(formatted);
    const original = unwrapResolverError(error);
    const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    if (original instanceof StoreTimeoutError) return { message: original.message, ...where, extensions: { code: ErrorCode.StoreTimeout } };
    if (original instanceof StoreUnavailableError) {
      options.log('The store is unavailable', original);
      return { message: STORE_UNAVAILABLE_MESSAGE, ...where, extensions: { code: ErrorCode.StoreUnavailable } };
    }
    options.log('Unexpected error while executing a GraphQL request', original);
    return {
      message: options.development && original instanceof Error ? `Unexpected error: ${original.message}` : 'Unexpected error',
      ...where,
      extensions: { code: ErrorCode.Internal },
    };
  };
}
