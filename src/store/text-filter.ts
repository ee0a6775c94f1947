import type { Filter } from './store';
import { parseTextSearch, type TextSearch } from './text-search';

/** A filter with its `$text` condition taken out, for the embedded engine to answer from its text index. */
export interface SplitTextFilter {
  /** The parsed `$search`, when the filter has a `$text` condition. */
  text?: TextSearch;
  /** Every other condition of the filter, for mingo. */
  rest: Filter;
}

const TEXT_OPTIONS = new Set(['$search', '$language', '$caseSensitive', '$diacriticSensitive']);

/**
 * Validates a `$text` operand. The embedded index is English, case- and diacritic-insensitive,
 * so asking for anything else is an error rather than a silently different answer.
 */
function parseTextOperand(operand: unknown): TextSearch {
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) throw new Error('$text expects an object such as { $search: "words" }');
  const options = operand as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!TEXT_OPTIONS.has(key)) throw new Error(`$text does not take "${key}"; it takes $search, $language, $caseSensitive and $diacriticSensitive`);
  }
  if (typeof options.$search !== 'string') throw new Error('$text needs $search, a string');
  const language = options.$language;
  if (language !== undefined && language !== 'english' && language !== 'en') {
    throw new Error(`$text: the embedded engine searches English text only; $language "${String(language)}" is not supported`);
  }
  if (options.$caseSensitive === true) throw new Error('$text: the embedded engine searches case-insensitively only; $caseSensitive: true is not supported');
  if (options.$diacriticSensitive === true) throw new Error('$text: the embedded engine searches diacritic-insensitively only; $diacriticSensitive: true is not supported');
  return parseTextSearch(options.$search);
}

/** Whether `$text` occurs anywhere in a filter value (operators, nested logical clauses). */
export function mentionsText(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsText);
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  return Object.entries(value as Record<string, unknown>).some(([key, nested]) => key === '$text' || mentionsText(nested));
}

/**
 * Takes the `$text` condition out of a filter. Like MongoDB, it allows one `$text`, at the top
 * level or in a member of a top-level `$and`; unlike MongoDB, not under `$or` or `$nor` (MongoDB
 * allows that when every other clause is indexed; the embedded engine refuses it clearly).
 */
export function splitTextFilter(filter: Filter): SplitTextFilter {
  const operands: unknown[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$text') {
      operands.push(value);
    } else if (key === '$and' && Array.isArray(value)) {
      const members: unknown[] = [];
      for (const member of value) {
        if (Object.prototype.toString.call(member) === '[object Object]' && '$text' in (member as Record<string, unknown>)) {
          const { $text, ...others } = member as Record<string, unknown>;
          operands.push($text);
          if (Object.keys(others).length > 0) members.push(others);
        } else {
          members.push(member);
        }
      }
      if (members.length > 0) rest.$and = members;
    } else {
      rest[key] = value;
    }
  }
  if (mentionsText(rest)) throw new Error('$text must be at the top level of the filter or in a member of a top-level $and (the embedded engine does not take it under $or, $nor or $not)');
  if (operands.length > 1) throw new Error('Too many text expressions: a filter may have one $text');
  return operands.length === 1 ? { text: parseTextOperand(operands[0]), rest } : { rest };
}
