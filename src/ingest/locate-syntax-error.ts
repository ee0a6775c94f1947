import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where a JSON text first goes wrong, and what is wrong there, in words. */
export interface SyntaxErrorAt {
  /** Character offset into the text. */
  offset: number;
  message: string;
}

/** The parser's error codes (by name: its enum is a const enum), in words. */
const WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a field name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the field name',
  CommaExpected: 'expected "," between elements (or a closing bracket)',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'unexpected text after the end of the bundle',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'unknown escape in a string',
  InvalidCharacter: 'a control character (such as a raw line break) inside a string; escape it',
};

/** The offset of the comma just before `offset`, across whitespace only; -1 when there is none. */
function commaBefore(text: string, offset: number): number {
  let at = offset - 1;
  while (at >= 0 && /\s/.test(text[at] as string)) at -= 1;
  return text[at] === ',' ? at : -1;
}

/**
 * The first syntax error of a text that JSON.parse refused, located by a parser that reports
 * offsets (JSON.parse often says only "Unexpected token"). A comma before a closing bracket or
 * brace is named as a trailing comma, at the comma itself. Undefined if the parser finds none.
 */
export function locateSyntaxError(text: string): SyntaxErrorAt | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const code = printParseErrorCode(first.error);
  const closing = text[first.offset];
  if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && (closing === ']' || closing === '}')) {
    const comma = commaBefore(text, first.offset);
    if (comma >= 0) return { offset: comma, message: `trailing comma after the last ${closing === ']' ? 'element of an array' : 'field of an object'}; remove it` };
  }
  const found = first.offset < text.length ? `; found ${JSON.stringify(text.slice(first.offset, first.offset + Math.max(1, Math.min(first.length, 20))))}` : '; found the end of the file';
  return { offset: first.offset, message: `${WORDS[code] ?? 'malformed JSON'}${found}` };
}
