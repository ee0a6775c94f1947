import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';
import { ErrorCode } from '../errors';

/** Errors one response lists; any further ones are counted in one last TOO_MANY_ERRORS error. */
export const MAX_ERRORS_PER_RESPONSE = 20;

/** graphql-js's bare error when a validation rule runs out of its work budget. */
const VALIDATION_ABORTED = 'Validation aborted.';

/**
 * Whether `value`, written as JSON, would take more than `limit` bytes. Walks the value and
 * stops as soon as the limit is passed, so an oversized result is never serialised. Strings
 * count one byte per UTF-16 unit plus quotes: close enough for a limit in megabytes.
 */
export function exceedsJsonSize(value: unknown, limit: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const element of item) stack.push(element);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, property] of Object.entries(item)) {
        size += key.length + 4;
        stack.push(property);
      }
      size += 2;
    } else size += 8;
    if (size > limit) return true;
  }
  return false;
}

/**
 * graphql-js stops validating, with a bare "Validation aborted.", when an operation repeats one
 * field so often that checking the repeats would take too long. That becomes a coded error that
 * says what to change, or goes when the operation is already refused by the field limit.
 */
function explainAbortedValidation(errors: readonly GraphQLFormattedError[]): readonly GraphQLFormattedError[] {
  const isAborted = (error: GraphQLFormattedError) => error.message === VALIDATION_ABORTED;
  if (!errors.some(isAborted)) return errors;
  const others = errors.filter((error) => !isAborted(error));
  if (others.some((error) => error.extensions?.code === ErrorCode.QueryTooComplex || error.extensions?.code === ErrorCode.QueryTooDeep)) return others;
  return [
    ...others,
    {
      message: 'The operation repeats fields or fragments too many times to be checked (for example one alias selected hundreds of times); select each field once or split the operation.',
      extensions: { code: ErrorCode.QueryTooComplex },
    },
  ];
}

/** Keeps the first MAX_ERRORS_PER_RESPONSE errors and says how many were left out. */
function boundErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  if (errors.length <= MAX_ERRORS_PER_RESPONSE) return [...errors];
  const left = errors.length - MAX_ERRORS_PER_RESPONSE;
  return [
    ...errors.slice(0, MAX_ERRORS_PER_RESPONSE),
    {
      message: `${left} more error(s) left out: ${errors.length} in all, the first ${MAX_ERRORS_PER_RESPONSE} listed (aliases repeating one mistake repeat its error).`,
      extensions: { code: ErrorCode.TooManyErrors, omitted: left, total: errors.length },
    },
  ];
}

/**
 * Keeps every response bounded: at most MAX_ERRORS_PER_RESPONSE errors (plus one saying how many
 * were left out), a result over `maxResponseBytes` replaced by one RESPONSE_TOO_LARGE error
 * (HTTP 400) before it is serialised, and graphql-js's bare "Validation aborted." explained.
 */
export function responseLimitsPlugin(maxResponseBytes: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = boundErrors(explainAbortedValidation(result.errors));
          if (!exceedsJsonSize(result, maxResponseBytes)) return;
          response.body.singleResult = {
            errors: [
              {
                message: `The response would exceed ${maxResponseBytes} bytes and was not sent; ask for smaller pages, fewer fields or fewer aliases.`,
                extensions: { code: ErrorCode.ResponseTooLarge, maxResponseBytes },
              },
            ],
          };
          response.http.status = 400;
        },
      };
    },
  };
}
