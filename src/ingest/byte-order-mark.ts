/** A UTF-8 byte-order mark, which some editors write at the start of a file: not part of its text. */
const BYTE_ORDER_MARK = '\uFEFF';

/** The text without a leading byte-order mark; positions in it are the ones an editor shows. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}
