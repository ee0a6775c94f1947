import { badUserInput } from '../errors';

/** Page size when a client does not ask for one, and the most a client may ask for. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A requested page size, or a coded error: asking above the maximum is refused, not capped. */
export function checkPageSize(size: number, argumentName: string): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(argumentName, `an integer from 1 to ${MAX_PAGE_SIZE}`, size);
  }
  return size;
}
