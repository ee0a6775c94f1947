import type { ReportKindValue } from '../vocabulary';

/** A report as stored in the `reports` collection. */
export interface ReportDocument {
  _id: string;
  kind: ReportKindValue;
  title: string | null;
  summary: string | null;
  publisherId: string | null;
  publishedAt: Date | null;
  url: string | null;
  sourceIds: string[];
  relayIds: string[];
}
