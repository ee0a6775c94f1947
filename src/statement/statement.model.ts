import type { QuoteKindValue, StanceValue } from '../vocabulary';

/** A character range of the article body: `body.slice(start, end) === text`. */
export interface EvidenceSpanDocument {
  start: number;
  end: number;
  text: string;
}

/** A statement as stored in the `statements` collection. */
export interface StatementDocument {
  _id: string;
  articleId: string;
  /** Offset of the statement's first evidence span: orders statements by appearance. */
  position: number;
  claim: string;
  quote: string | null;
  quoteKind: QuoteKindValue;
  speakerIds: string[];
  stance: StanceValue;
  viaId: string | null;
  respondsToId: string | null;
  madeAt: Date | null;
  venue: string | null;
  evidence: EvidenceSpanDocument[];
}
