/** One evidence span of a statement, as the article view needs it. */
export interface EvidenceMark {
  readonly statementId: string;
  readonly start: number;
  readonly end: number;
}

/** A run of the body: plain text, or the text of one evidence span. */
export type Segment = { readonly text: string; readonly mark: null } | { readonly text: string; readonly mark: EvidenceMark; readonly key: string };

/**
 * Cuts the body into plain runs and evidence spans, in body order. Spans are JavaScript string
 * offsets (end exclusive), as stored. Where two spans overlap, the later one starts where the
 * earlier one ends, so every character is shown once.
 */
export function segmentBody(body: string, marks: readonly EvidenceMark[]): Segment[] {
  const ordered = [...marks].sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: Segment[] = [];
  let cursor = 0;
  ordered.forEach((mark, index) => {
    const start = Math.max(mark.start, cursor);
    const end = Math.min(mark.end, body.length);
    if (end <= start) return;
    if (start > cursor) segments.push({ text: body.slice(cursor, start), mark: null });
    segments.push({ text: body.slice(start, end), mark, key: `${mark.statementId}:${index}` });
    cursor = end;
  });
  if (cursor < body.length) segments.push({ text: body.slice(cursor), mark: null });
  return segments;
}
