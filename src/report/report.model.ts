import type { ReportKindValue, ReportStatusValue } from '../vocabulary';

/** A report as stored in the `reports` collection. */
export interface ReportDocument {
  _id: string;
  kind: ReportKindValue;
  title: string | null;
  summary: string | null;
  publisherId: string | null;
  publishedAt: Date | null;
  url: string | null;
  status: ReportStatusValue;
  /** Who saw the report when it was never published. */
  seenById: string | null;
  /** Every actor it cites: for all its claims, and for each claim (the union of its statements' derivations). */
  sourceIds: string[];
  /** Every report it relays, likewise. */
  relayIds: string[];
}
