/**
 * Stored dates are instants; a day from the seed ("2024-10-21") is stored as midnight UTC.
 * The exports keep that distinction where the format can: schema.org takes a Date or a DateTime,
 * PROV time values must be xsd:dateTime.
 */

/** An xsd:dateTime in UTC, as PROV's `prov:time` requires. */
export function toXsdDateTime(date: Date): string {
  return date.toISOString();
}

/** A schema.org Date (`2024-10-21`) for a day stored as midnight UTC, otherwise a DateTime. */
export function toSchemaOrgDate(date: Date): string {
  const text = date.toISOString();
  return text.endsWith('T00:00:00.000Z') ? text.slice(0, 10) : text;
}
