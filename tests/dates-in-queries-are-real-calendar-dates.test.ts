import { GraphQLError, Kind } from 'graphql';
import { DateTime } from '../src/graphql/date-time.scalar';

const refusal = (value: unknown): string | undefined => {
  try {
    DateTime.parseValue(value);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).message;
  }
};

describe('the DateTime scalar', () => {
  it('refuses days and times that do not exist, rather than rolling them over', () => {
    for (const value of ['2024-02-30', '2023-02-29T00:00:00Z', '2024-04-31T12:00:00Z', '2024-13-01', '2024-10-21T24:00:00Z', '2024-10-21T12:60:00Z', '2024-10-21T12:00:61Z', '2024-10-21T12:00:00+25:00']) {
      expect(refusal(value)).toMatch(/^DateTime expects a real ISO-8601 date or date-time .*received "/);
    }
    expect(() => DateTime.parseLiteral({ kind: Kind.STRING, value: '2024-02-30T00:00:00Z' })).toThrow(/real ISO-8601/);
  });

  it('takes real days and times, with or without an offset', () => {
    expect(DateTime.parseValue('2024-02-29')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(DateTime.parseValue('2024-10-21T23:59:59.5Z')).toEqual(new Date(Date.UTC(2024, 9, 21, 23, 59, 59, 500)));
    expect(DateTime.parseValue('2024-10-22T08:30:00+09:00')).toEqual(new Date(Date.UTC(2024, 9, 21, 23, 30)));
  });

  it('still refuses what is not ISO-8601 at all', () => {
    for (const value of ['21/10/2024', '2024-10-21 12:00', 1729500000000, null]) expect(refusal(value)).toBeDefined();
  });
});
