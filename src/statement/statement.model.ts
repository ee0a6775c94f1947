import type { QuoteKindValue, StanceValue } from '../vocabulary';

/** A character range of the article body: `body.slice(start, end) === text`. */
export interface EvidenceSpanDocument {
  start: number;
  end: number;
  text: string;
}

/**
 * One step of the statement's own attribution path (PROV's qualified derivation): what report
 * `reportId` cited and relayed *for this claim*. A report on the path with no step for the claim
 * passes it on through its report-level links.
 */
export interface DerivationDocument {
  reportId: string;
  sourceIds: string[];
  relayIds: string[];
}

/** A statement as stored in the `statements` collection. */
export interface StatementDocument {
  _id: string;
  articleId: string;
  /** Offset of the statement's first evidence span: orders statements by appearance. */
  position: number;
  claim: string;
  /** The quoted fragments, in the order the article gives them; empty when nothing is quoted. */
  quotes: string[];
  quoteKind: QuoteKindValue;
  speakerIds: string[];
  stance: StanceValue;
  viaId: string | null;
  /** Steps of this claim's path beyond the via report, one per report at most. */
  derivations: DerivationDocument[];
  respondsToId: string | null;
  /** A report the statement answers ("declined to comment on the report"). */
  respondsToReportId: string | null;
  madeAt: Date | null;
  venue: string | null;
  evidence: EvidenceSpanDocument[];
}
