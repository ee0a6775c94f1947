import { badUserInput } from '../errors';

/** Cursors carry a version so their encoding can change without misreading old ones. */
const CURSOR_VERSION = 'v1';

/** The opaque cursor of a list item, from its sort position (the id, for now). */
export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, id]), 'utf8').toString('base64url');
}

/** The id inside a cursor; a coded error naming the argument when it is not one of ours. */
export function decodeCursor(cursor: string, argumentName: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== CURSOR_VERSION || typeof decoded[1] !== 'string') {
    throw badUserInput(argumentName, 'a cursor returned by this API (an edge cursor or pageInfo.endCursor)', cursor);
  }
  return decoded[1];
}
