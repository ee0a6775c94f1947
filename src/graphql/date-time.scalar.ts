import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * Whether the fields name a real day and time: `Date.parse` rolls `2024-02-30` over to 1 March,
 * so a range filter on it would quietly mean another day.
 */
function isRealInstant(match: RegExpExecArray): boolean {
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 23 &&
    Number(offsetMinutes) <= 59
  );
}

function parseIso(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_8601.exec(value) : null;
  if (typeof value !== 'string' || !match || !isRealInstant(match) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime expects a real ISO-8601 date or date-time (2024-10-21 or 2024-10-21T12:00:00Z), received ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value);
}

/** `DateTime`: stored as a Date, sent as an ISO-8601 UTC string. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time, as an ISO-8601 string in UTC.',
  serialize(value) {
    // Dates may come from another realm (a driver, a test VM): check the brand, not instanceof.
    if (Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime())) return (value as Date).toISOString();
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseIso,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime expects a string literal, received ${ast.kind}`, { extensions: { code: 'BAD_USER_INPUT' } });
    return parseIso(ast.value);
  },
});
